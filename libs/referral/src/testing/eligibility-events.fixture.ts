/** Eligibility's and intake's events as the referral context receives them, valid under their contracts. */
import type { EligibilityDeterminedV1Data, ResidentRegisteredV1Data } from '@lastri/contracts';

import type { Programme } from '../domain/referral.events';

export type ProgrammeOutcome = readonly [Programme, 'ELIGIBLE' | 'NOT_ELIGIBLE' | 'NEEDS_REVIEW'];

export function determination(options: {
  caseId: string;
  determinationId: string;
  programmes: readonly ProgrammeOutcome[];
  kelurahanCode?: string;
  needCategory?: EligibilityDeterminedV1Data['inputs']['case']['needCategory'];
  trigger?: EligibilityDeterminedV1Data['trigger']['kind'];
}): EligibilityDeterminedV1Data {
  const kelurahanCode = options.kelurahanCode ?? '35.75.04.1011';
  return {
    caseId: options.caseId,
    determinationId: options.determinationId,
    trigger: { kind: options.trigger ?? 'CASE_SUBMITTED' },
    rulesAsOf: '2025-11-12',
    programmes: options.programmes.map(([programme, outcome]) => ({
      programme,
      outcome,
      eligible: outcome === 'ELIGIBLE',
      ruleSet: { id: programme.toLowerCase().replace(/_/g, '-'), version: '1', contentHash: `sha256:${'0'.repeat(64)}`, effectiveFrom: '2025-01-01', source: 'fixture' },
      criteria: [{ criterion: 'DESIL_AT_MOST', description: 'Desil rumah tangga paling tinggi 5', observed: 3, threshold: 5, passed: outcome === 'ELIGIBLE' }],
    })),
    inputs: {
      submittedAt: '2025-11-12T14:00:00+07:00',
      case: { needCategory: options.needCategory ?? 'EDUCATION', priority: 'NORMAL', vulnerabilityReasons: [] },
      resident: { birthDate: '1985-03-12', kelurahanCode, kecamatanCode: kelurahanCode.slice(0, 8) },
      assessment: {
        householdIncomePerMonth: 1850000,
        householdSize: 4,
        dtsenStatus: 'IN_DTSEN',
        desil: 3,
        dtsenCheckedOn: '2025-11-10',
        children: [],
        disabledMembers: [],
        elderlyMembers: [],
        pregnantOrNursing: false,
        employmentStatus: 'INFORMAL_WORK',
        housingCondition: { ownership: 'RENTED', uninhabitable: false },
      },
    },
    inputsDigest: `sha256:${'1'.repeat(64)}`,
    sourceEventIds: [options.caseId],
    sourceEvents: [{ eventId: options.caseId, type: 'CaseSubmitted', streamName: `intake-${options.caseId}`, streamVersion: 1, globalPosition: '1' }],
    determinedAt: '2025-11-12T14:00:03+07:00',
  };
}

export function residentRegistered(residentId: string, name: string, kelurahanCode = '35.75.04.1011'): ResidentRegisteredV1Data {
  return {
    residentId,
    nik: '3575045203850001',
    noKk: '3575041503100007',
    name,
    birthDate: '1985-03-12',
    sex: 'PEREMPUAN',
    householdRelation: 'KEPALA_KELUARGA',
    address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode, kecamatanCode: kelurahanCode.slice(0, 8) },
    phone: '+6281234567890',
    householdMembers: [],
    registeredBy: { userId: 'psm-kandangsapi-07', role: 'PSM' },
  };
}
