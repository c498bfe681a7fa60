/**
 * Siti Aminah of Kandangsapi and her household, as in the contract examples: valid NIKs whose
 * date parts match, so each test changes only the fact it is about.
 */
import { uuidV5 } from '@lastri/kernel';

import type {
  OpenCase,
  RecordAssessment,
  RecordConsent,
  RecordHomeVisit,
  RegisterResident,
  SubmitCase,
  WithdrawCase,
  WithdrawConsent,
} from '../domain/intake.commands';
import type { IntakeEvent, RecordedIntakeEvent } from '../domain/intake.events';
import { decide, fold } from '../domain/intake.decider';
import { isIntakeError } from '../domain/intake.errors';
import type { IntakeCommand } from '../domain/intake.commands';
import type { HouseholdMember, StaffMember } from '../domain/vocabulary';

/** 09:00 WIB on Monday 10 November 2025. */
export const NOW = '2025-11-10T02:00:00.000Z';
export const LATER = '2025-11-12T07:00:00.000Z';

const NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
export const id = (name: string) => uuidV5(`intake-test:${name}`, NAMESPACE);

export const RESIDENT_ID = id('siti');
export const CASE_ID = id('case-1');
export const CONSENT_ID = id('consent-1');
export const KANDANGSAPI = '35.75.04.1011';
export const PSM: StaffMember = { userId: 'psm-kandangsapi-07', role: 'PSM' };

/** A member the assessment can reference: one with a NIK. */
type MemberWithNik = HouseholdMember & { nik: string };

export const AHMAD: MemberWithNik = {
  name: 'Ahmad Fauzi',
  nik: '3575042107100003',
  relation: 'ANAK',
  birthDate: '2010-07-21',
  sex: 'LAKI_LAKI',
};
export const NUR_AINI: MemberWithNik = {
  name: 'Nur Aini',
  nik: '3575044501160002',
  relation: 'ANAK',
  birthDate: '2016-01-05',
  sex: 'PEREMPUAN',
};
export const SUMIATI: MemberWithNik = {
  name: 'Sumiati',
  nik: '3575047011520001',
  relation: 'ORANG_TUA',
  birthDate: '1952-11-30',
  sex: 'PEREMPUAN',
};

export const SITI_NIK = '3575045203850001';

export function registerSiti(overrides: Partial<RegisterResident['data']> = {}, now = NOW): RegisterResident {
  return {
    type: 'RegisterResident',
    data: {
      residentId: RESIDENT_ID,
      nik: SITI_NIK,
      noKk: '3575041503100007',
      name: 'Siti Aminah',
      birthDate: '1985-03-12',
      sex: 'PEREMPUAN',
      householdRelation: 'KEPALA_KELUARGA',
      address: { street: 'Jl. Hasanudin Gg. 3 No. 12', rt: '004', rw: '002', kelurahanCode: KANDANGSAPI },
      phone: '+6281234567890',
      householdMembers: [AHMAD, NUR_AINI, SUMIATI],
      registeredBy: PSM,
      ...overrides,
    },
    metadata: { now },
  };
}

export function recordConsentCommand(overrides: Partial<RecordConsent['data']> = {}, now = NOW): RecordConsent {
  return {
    type: 'RecordConsent',
    data: {
      residentId: RESIDENT_ID,
      consentId: CONSENT_ID,
      legalBasis: 'CONSENT',
      purposes: ['CASE_HANDLING', 'ELIGIBILITY_DETERMINATION', 'REFERRAL_TO_PARTNER_AGENCIES'],
      givenBy: { name: 'Siti Aminah', relation: 'SELF' },
      method: 'SIGNED_FORM',
      givenAt: '2025-11-10T08:55:00+07:00',
      ...overrides,
    },
    metadata: { now },
  };
}

export function withdrawConsentCommand(
  overrides: Partial<WithdrawConsent['data']> = {},
  now = NOW,
): WithdrawConsent {
  return {
    type: 'WithdrawConsent',
    data: {
      residentId: RESIDENT_ID,
      consentId: CONSENT_ID,
      withdrawnBy: { name: 'Siti Aminah', relation: 'SELF' },
      ...overrides,
    },
    metadata: { now },
  };
}

export function openCaseCommand(overrides: Partial<OpenCase['data']> = {}, now = NOW): OpenCase {
  return {
    type: 'OpenCase',
    data: {
      residentId: RESIDENT_ID,
      caseId: CASE_ID,
      needCategory: 'EDUCATION',
      description: 'Ahmad (kelas 9) terancam tidak bisa melanjutkan ke SMA karena biaya.',
      channel: 'PUSKESOS',
      registeredBy: PSM,
      declaredVulnerabilities: [],
      ...overrides,
    },
    metadata: { now },
  };
}

export function recordAssessmentCommand(
  overrides: Partial<RecordAssessment['data']> = {},
  now = NOW,
): RecordAssessment {
  return {
    type: 'RecordAssessment',
    data: {
      residentId: RESIDENT_ID,
      caseId: CASE_ID,
      assessmentId: id('assessment-1'),
      householdIncomePerMonth: 1_850_000,
      dtsenStatus: 'IN_DTSEN',
      desil: 3,
      dtsenCheckedOn: '2025-11-10',
      // Sumiati (72) is on the KK, so intake lists her among the elderly without being told.
      children: [
        { nik: AHMAD.nik, enrolled: true, level: 'SMP', grade: 9 },
        { nik: NUR_AINI.nik, enrolled: true, level: 'SD', grade: 4 },
      ],
      disabledMembers: [],
      pregnantOrNursingMembers: [],
      employmentStatus: 'INFORMAL_WORK',
      housingCondition: { ownership: 'RENTED', uninhabitable: false },
      assessedBy: PSM,
      ...overrides,
    },
    metadata: { now },
  };
}

export function homeVisitCommand(overrides: Partial<RecordHomeVisit['data']> = {}, now = LATER): RecordHomeVisit {
  return {
    type: 'RecordHomeVisit',
    data: {
      residentId: RESIDENT_ID,
      caseId: CASE_ID,
      visitId: id('visit-1'),
      visitedAt: '2025-11-12T10:30:00+07:00',
      visitedBy: { userId: 'tksk-panggungrejo', role: 'TKSK' },
      findings: 'Rumah kontrakan satu kamar, lantai semen.',
      verdict: 'LAYAK',
      ...overrides,
    },
    metadata: { now },
  };
}

export function submitCaseCommand(now = LATER, caseId = CASE_ID): SubmitCase {
  return {
    type: 'SubmitCase',
    data: { residentId: RESIDENT_ID, caseId, submittedBy: { userId: 'operator-kandangsapi', role: 'PUSKESOS_OPERATOR' } },
    metadata: { now },
  };
}

export function withdrawCaseCommand(overrides: Partial<WithdrawCase['data']> = {}, now = LATER): WithdrawCase {
  return {
    type: 'WithdrawCase',
    data: { residentId: RESIDENT_ID, caseId: CASE_ID, reason: 'Biaya sekolah sudah ditanggung keluarga', ...overrides },
    metadata: { now },
  };
}

let sequence = 0;

/** An event as the store hands it back: with an id and the instant it occurred. */
export function recorded(event: IntakeEvent, occurredAt = NOW): RecordedIntakeEvent {
  sequence += 1;
  return { ...event, metadata: { eventId: id(`event-${sequence}`), occurredAt } } as RecordedIntakeEvent;
}

/** Decides each command on the history so far and records its events: the stream a scenario leaves. */
export function history(...commands: IntakeCommand[]): RecordedIntakeEvent[] {
  const events: RecordedIntakeEvent[] = [];
  for (const command of commands) {
    const decision = decide(command, fold(events));
    if (isIntakeError(decision)) {
      throw new Error(`Fixture command ${command.type} was refused: ${decision.message}`);
    }
    events.push(...decision.map((event) => recorded(event, command.metadata.now)));
  }
  return events;
}
