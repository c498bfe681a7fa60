/** A case as the console shows it, with what it still lacks before it can be submitted. */
import type { AssessmentRecordedV2Data, CaseOpenedV1Data, HomeVisitRecordedV1Data } from '@lastri/contracts';

import type { CaseStatus, RegisteredResident } from '../../domain/intake.state';
import { missingForSubmission } from '../../domain/rules/submission-readiness';
import type { FieldProblem } from '../../domain/intake.errors';

export interface CaseView extends Omit<CaseOpenedV1Data, 'caseId'> {
  caseId: string;
  residentId: string;
  /** The version of the resident's stream, which holds the case: the ETag for If-Match. */
  version: number;
  status: CaseStatus;
  openedAt: string;
  assessment?: Omit<AssessmentRecordedV2Data, 'caseId'> & { assessedAt: string };
  homeVisits: Omit<HomeVisitRecordedV1Data, 'caseId'>[];
  submittedAt?: string;
  withdrawnAt?: string;
  withdrawalReason?: string;
  /** While open: whether it can be submitted, and if not, what is missing. */
  submission?: { ready: boolean; missing: FieldProblem[] };
}

export function caseView(resident: RegisteredResident, caseId: string, version: number): CaseView | undefined {
  const record = resident.cases[caseId];
  if (!record) return undefined;
  const { caseId: _id, ...opened } = record.opened;
  const missing = record.status === 'OPEN' ? missingForSubmission(resident, record) : undefined;
  return {
    caseId,
    residentId: resident.profile.residentId,
    version,
    status: record.status,
    ...opened,
    openedAt: record.openedAt,
    ...(record.assessment && {
      assessment: { ...withoutCaseId(record.assessment.data), assessedAt: record.assessment.assessedAt },
    }),
    homeVisits: record.homeVisits.map((visit) => withoutCaseId(visit.data)),
    ...(record.submittedAt !== undefined && { submittedAt: record.submittedAt }),
    ...(record.withdrawnAt !== undefined && { withdrawnAt: record.withdrawnAt }),
    ...(record.withdrawalReason !== undefined && { withdrawalReason: record.withdrawalReason }),
    ...(missing && { submission: { ready: missing.length === 0, missing } }),
  };
}

function withoutCaseId<T extends { caseId: string }>(value: T): Omit<T, 'caseId'> {
  const { caseId: _caseId, ...rest } = value;
  return rest;
}
