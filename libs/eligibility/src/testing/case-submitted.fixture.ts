/**
 * Contract-valid intake data for eligibility's tests: a household that starts out plain (desil 3,
 * in DTSEN, no children, elderly or disability, formally employed, in Kandangsapi) and is changed
 * by each test only where it matters. Not exported from the library.
 */
import type { CaseSubmittedV2Data, CircumstancesChangedV1Data } from '@lastri/contracts';

import { inputsFromCaseSubmitted, type EligibilityInputs } from '../domain/inputs/eligibility-inputs';

type Assessment = CaseSubmittedV2Data['assessment'];
type Child = Assessment['children'][number];

/**
 * The assessment a test changes. Members may be given as the rules see them (name, age and the
 * facts), without a NIK: the fixture gives each one, as intake would have referenced them.
 */
export type AssessmentOptions = Partial<
  Omit<Assessment, 'children' | 'disabledMembers' | 'elderlyMembers'> & {
    children: (Omit<Child, 'nik'> & { nik?: string | null })[];
    disabledMembers: (Omit<Assessment['disabledMembers'][number], 'nik' | 'age'> & { nik?: string | null; age?: number | null })[];
    elderlyMembers: (Omit<Assessment['elderlyMembers'][number], 'nik'> & { nik?: string | null })[];
  }
>;

export interface CaseOptions {
  caseId?: string;
  residentId?: string;
  submittedAt?: string;
  birthDate?: string;
  kelurahanCode?: string;
  needCategory?: CaseSubmittedV2Data['case']['needCategory'];
  vulnerabilityReasons?: CaseSubmittedV2Data['case']['vulnerabilityReasons'];
  assessment?: AssessmentOptions;
  homeVisit?: CaseSubmittedV2Data['homeVisit'] | null;
  sourceEventIds?: string[];
}

export const RESIDENT_ID = '5b0c3f1e-8a2d-4f6b-9c7e-2d1a4b3c5e6f';
export const CASE_ID = '7e4d2c1b-3a5f-4e8d-b6c9-0f1e2d3c4b5a';

export function caseSubmitted(options: CaseOptions = {}): CaseSubmittedV2Data {
  const { children = [], disabledMembers = [], elderlyMembers = [], ...assessed } = options.assessment ?? {};
  const kelurahanCode = options.kelurahanCode ?? '35.75.04.1011';
  return {
    caseId: options.caseId ?? CASE_ID,
    submittedAt: options.submittedAt ?? '2025-11-12T14:00:00+07:00',
    submittedBy: { userId: 'operator-puskesos-kandangsapi', role: 'PUSKESOS_OPERATOR' },
    case: {
      needCategory: options.needCategory ?? 'FOOD',
      description: 'Keluarga membutuhkan bantuan.',
      channel: 'PUSKESOS',
      priority: 'NORMAL',
      vulnerabilityReasons: options.vulnerabilityReasons ?? [],
      openedAt: '2025-11-10T09:10:00+07:00',
    },
    resident: {
      residentId: options.residentId ?? RESIDENT_ID,
      nik: '3575045203850001',
      noKk: '3575041503100007',
      name: 'Siti Aminah',
      birthDate: options.birthDate ?? '1985-03-12',
      sex: 'PEREMPUAN',
      householdRelation: 'KEPALA_KELUARGA',
      address: {
        street: 'Jl. Hasanudin Gg. 3 No. 12',
        rt: '004',
        rw: '002',
        kelurahanCode,
        kecamatanCode: kelurahanCode.slice(0, 8),
      },
    },
    household: { members: [] },
    assessment: {
      assessmentId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      assessedAt: '2025-11-10T09:40:00+07:00',
      householdIncomePerMonth: 2_000_000,
      householdSize: 3,
      dtsenStatus: 'IN_DTSEN',
      desil: 3,
      dtsenCheckedOn: '2025-11-10',
      pregnantOrNursing: false,
      employmentStatus: 'FORMAL_EMPLOYMENT',
      housingCondition: { ownership: 'RENTED', uninhabitable: false },
      ...assessed,
      // As intake writes v2: the flag and the list of who agree.
      pregnantOrNursingMembers:
        assessed.pregnantOrNursingMembers ?? (assessed.pregnantOrNursing ? [{ nik: memberNik(4, 0), name: 'Ibu', age: 30 }] : []),
      children: children.map((member, index) => ({ ...member, nik: member.nik ?? memberNik(1, index) })),
      disabledMembers: disabledMembers.map(({ name, kind, severity, ...member }, index) => ({
        nik: member.nik ?? memberNik(2, index),
        name,
        age: member.age ?? null,
        kind,
        severity,
      })),
      elderlyMembers: elderlyMembers.map((member, index) => ({ ...member, nik: member.nik ?? memberNik(3, index) })),
    },
    ...(options.homeVisit ? { homeVisit: options.homeVisit } : {}),
    sourceEventIds: options.sourceEventIds ?? ['a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'],
  };
}

/** A NIK of the fixture's Kandangsapi household, distinct per list and position. */
function memberNik(list: number, index: number): string {
  return `357504010180${list}${String(index).padStart(3, '0')}`;
}

export function inputsOf(options: CaseOptions = {}): EligibilityInputs {
  return inputsFromCaseSubmitted(caseSubmitted(options));
}

export function child(age: number, level: Child['level'] = null, name = `Anak ${age}`): Omit<Child, 'nik'> {
  return { name, age, enrolled: level !== null, level, grade: null };
}

export function circumstancesChanged(
  changes: CircumstancesChangedV1Data['changes'],
  options: { residentId?: string; effectiveFrom?: string } = {},
): CircumstancesChangedV1Data {
  return {
    residentId: options.residentId ?? RESIDENT_ID,
    changes,
    effectiveFrom: options.effectiveFrom ?? '2025-12-01',
    reason: 'Keterangan ketua RT.',
  };
}
