/**
 * AssessmentRecorded and CaseSubmitted v1 → v2. v1 assessments named their members by hand, so
 * nothing ties them to a person on the KK: their items get `nik: null` (and a disabled member,
 * whose age v1 did not record, `age: null`). v1 had only the household's pregnancy flag; it stays
 * as it was, beside an empty list of who, so a reader of the flag sees the same answer.
 */
import type { EventData } from '../events';
import type { Upcaster } from './upcaster';

type AssessmentV1 = EventData<'AssessmentRecorded', 1>;
type AssessmentV2 = EventData<'AssessmentRecorded', 2>;
type SubmittedAssessmentV2 = EventData<'CaseSubmitted', 2>['assessment'];
type MembersV1 = Pick<AssessmentV1, 'children' | 'disabledMembers' | 'elderlyMembers'>;
type MembersV2 = Pick<AssessmentV2, 'children' | 'disabledMembers' | 'elderlyMembers' | 'pregnantOrNursingMembers'>;

function membersWithoutNik(assessment: MembersV1): MembersV2 {
  return {
    children: assessment.children.map((child) => ({ nik: null, ...child })),
    disabledMembers: assessment.disabledMembers.map(({ name, kind, severity }) => ({ nik: null, name, age: null, kind, severity })),
    elderlyMembers: assessment.elderlyMembers.map((member) => ({ nik: null, ...member })),
    pregnantOrNursingMembers: [],
  };
}

export const assessmentRecordedV1ToV2: Upcaster = {
  type: 'AssessmentRecorded',
  fromVersion: 1,
  upcast(data: AssessmentV1): AssessmentV2 {
    return { ...data, ...membersWithoutNik(data) };
  },
};

export const caseSubmittedV1ToV2: Upcaster = {
  type: 'CaseSubmitted',
  fromVersion: 1,
  upcast(data: EventData<'CaseSubmitted', 1>): EventData<'CaseSubmitted', 2> {
    const assessment: SubmittedAssessmentV2 = { ...data.assessment, ...membersWithoutNik(data.assessment) };
    return { ...data, assessment };
  },
};
