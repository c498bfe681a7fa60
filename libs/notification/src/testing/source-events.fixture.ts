/** The other contexts' events as notification reads and receives them, valid under their contracts. */
import type {
  CaseSubmittedV2Data,
  ConsentRecordedV1Data,
  ConsentWithdrawnV1Data,
  EligibilityDeterminedV1Data,
  ManualReviewRequiredV1Data,
  ReferralCreatedV1Data,
  ResidentRegisteredV1Data,
} from '@lastri/contracts';

export const KANDANGSAPI = '35.75.04.1011';

export function residentRegistered(
  residentId: string,
  contact: { name?: string; email?: string; phone?: string; kelurahanCode?: string } = {},
): ResidentRegisteredV1Data {
  const kelurahanCode = contact.kelurahanCode ?? KANDANGSAPI;
  return {
    residentId,
    nik: '3575045203850001',
    noKk: '3575041503100007',
    name: contact.name ?? 'Siti Aminah',
    birthDate: '1985-03-12',
    sex: 'PEREMPUAN',
    householdRelation: 'KEPALA_KELUARGA',
    address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode, kecamatanCode: kelurahanCode.slice(0, 8) },
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.email ? { email: contact.email } : {}),
    householdMembers: [],
    registeredBy: { userId: 'psm-kandangsapi-07', role: 'PSM' },
  };
}

export function consentRecorded(consentId: string, purposes: ConsentRecordedV1Data['purposes']): ConsentRecordedV1Data {
  return {
    consentId,
    legalBasis: 'CONSENT',
    purposes,
    givenBy: { name: 'Siti Aminah', relation: 'SELF' },
    method: 'SIGNED_FORM',
    givenAt: '2025-11-10T09:00:00+07:00',
  };
}

export function consentWithdrawn(consentId: string, purposes?: ConsentWithdrawnV1Data['purposes']): ConsentWithdrawnV1Data {
  return {
    consentId,
    ...(purposes ? { purposes } : {}),
    withdrawnBy: { name: 'Siti Aminah', relation: 'SELF' },
    withdrawnAt: '2025-11-11T09:00:00+07:00',
  };
}

export function caseSubmitted(caseId: string, residentId: string): CaseSubmittedV2Data {
  return {
    caseId,
    submittedAt: '2025-11-12T14:00:00+07:00',
    submittedBy: { userId: 'operator-puskesos-kandangsapi', role: 'PUSKESOS_OPERATOR' },
    case: {
      needCategory: 'EDUCATION',
      description: 'Anak terancam tidak bisa melanjutkan sekolah karena biaya.',
      channel: 'PUSKESOS',
      priority: 'NORMAL',
      vulnerabilityReasons: [],
      openedAt: '2025-11-10T09:10:00+07:00',
    },
    resident: {
      residentId,
      nik: '3575045203850001',
      noKk: '3575041503100007',
      name: 'Siti Aminah',
      birthDate: '1985-03-12',
      sex: 'PEREMPUAN',
      householdRelation: 'KEPALA_KELUARGA',
      address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode: KANDANGSAPI, kecamatanCode: '35.75.04' },
    },
    household: { members: [] },
    assessment: {
      assessmentId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      assessedAt: '2025-11-10T09:40:00+07:00',
      householdIncomePerMonth: 1850000,
      householdSize: 4,
      dtsenStatus: 'IN_DTSEN',
      desil: 6,
      dtsenCheckedOn: '2025-11-10',
      children: [],
      disabledMembers: [],
      elderlyMembers: [],
      pregnantOrNursing: false,
      pregnantOrNursingMembers: [],
      employmentStatus: 'INFORMAL_WORK',
      housingCondition: { ownership: 'RENTED', uninhabitable: false },
    },
    sourceEventIds: [caseId],
  } as CaseSubmittedV2Data;
}

type Programme = EligibilityDeterminedV1Data['programmes'][number]['programme'];

/** PIP eligible; PKH not: desil 6 where at most 4 is allowed, and no PKH component in the family. */
export function determination(caseId: string, determinationId: string): EligibilityDeterminedV1Data {
  const ruleSet = (programme: Programme) => ({
    id: programme.toLowerCase(),
    version: '1',
    contentHash: `sha256:${'0'.repeat(64)}`,
    effectiveFrom: '2025-01-01',
    source: 'fixture',
  });
  return {
    caseId,
    determinationId,
    trigger: { kind: 'CASE_SUBMITTED' },
    rulesAsOf: '2025-11-12',
    programmes: [
      {
        programme: 'PIP',
        outcome: 'ELIGIBLE',
        eligible: true,
        ruleSet: ruleSet('PIP'),
        criteria: [{ criterion: 'DESIL_AT_MOST', description: 'Rumah tangga miskin atau rentan: desil paling tinggi 5', observed: 5, threshold: 5, passed: true }],
      },
      {
        programme: 'PKH',
        outcome: 'NOT_ELIGIBLE',
        eligible: false,
        ruleSet: ruleSet('PKH'),
        criteria: [
          { criterion: 'DESIL_AT_MOST', description: 'Desil rumah tangga paling tinggi 4', observed: 6, threshold: 4, passed: false },
          {
            criterion: 'HAS_COMPONENT',
            description: 'Ada anggota keluarga komponen PKH (ibu hamil/nifas, anak usia dini, anak sekolah, lansia 70 tahun ke atas, disabilitas berat)',
            observed: [],
            threshold: 1,
            passed: false,
          },
        ],
      },
    ],
    inputs: {
      submittedAt: '2025-11-12T14:00:00+07:00',
      case: { needCategory: 'EDUCATION', priority: 'NORMAL', vulnerabilityReasons: [] },
      resident: { birthDate: '1985-03-12', kelurahanCode: KANDANGSAPI, kecamatanCode: '35.75.04' },
      assessment: {
        householdIncomePerMonth: 1850000,
        householdSize: 4,
        dtsenStatus: 'IN_DTSEN',
        desil: 6,
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
    sourceEventIds: [caseId],
    sourceEvents: [{ eventId: caseId, type: 'CaseSubmitted', streamName: `intake-${caseId}`, streamVersion: 1, globalPosition: '1' }],
    determinedAt: '2025-11-12T14:00:03+07:00',
  };
}

export function manualReviewRequired(caseId: string, reviewId: string): ManualReviewRequiredV1Data {
  return {
    caseId,
    reviewId,
    programmes: ['SEMBAKO_DAERAH'],
    reasons: [{ code: 'DATA_CONFLICT', description: 'Penghasilan yang dicatat berbeda jauh dari temuan kunjungan rumah' }],
  };
}

export function referralCreated(referralId: string, caseId: string, residentId: string): ReferralCreatedV1Data {
  return {
    referralId,
    caseId,
    residentId,
    kelurahanCode: KANDANGSAPI,
    determinationId: caseId,
    cause: { kind: 'ELIGIBILITY_DETERMINED', eventId: caseId },
    programme: 'PIP',
    agencyId: 'dinas-pendidikan',
    needCategory: 'EDUCATION',
    priority: 'NORMAL',
    routingTableVersion: '2025.1',
    createdAt: '2025-11-14T03:12:40.000Z',
    acknowledgeDueAt: '2025-11-18T17:00:00.000Z',
    decideDueAt: '2025-11-21T17:00:00.000Z',
  };
}
