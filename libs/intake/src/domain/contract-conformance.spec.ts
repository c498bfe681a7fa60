/**
 * Every event type intake emits, produced by the decider from a realistic scenario, passes its
 * published JSON Schema: the compiler checks the shapes, this checks what types cannot (formats,
 * patterns, the if/then rules of the schemas).
 */
import { EVENT_TYPES_BY_CONTEXT, validateEventData } from '@lastri/contracts';

import { decide, fold } from './intake.decider';
import { isIntakeError } from './intake.errors';
import type { IntakeEvent, RecordedIntakeEvent } from './intake.events';
import type { IntakeCommand } from './intake.commands';
import {
  CASE_ID,
  LATER,
  NOW,
  RESIDENT_ID,
  id,
  openCaseCommand,
  recordAssessmentCommand,
  recordConsentCommand,
  recorded,
  registerSiti,
  submitCaseCommand,
} from './testing/intake.fixtures';

const scenario: IntakeCommand[] = [
  registerSiti(),
  {
    type: 'CorrectProfile',
    data: { residentId: RESIDENT_ID, corrections: { name: 'Siti Aminah Rahayu', email: 'siti@example.id' }, reason: 'Nama di KTP dibaca ulang' },
    metadata: { now: NOW },
  },
  {
    type: 'ChangeCircumstances',
    data: {
      residentId: RESIDENT_ID,
      changes: {
        employmentStatus: 'UNEMPLOYED',
        householdIncomePerMonth: 900_000,
        disabledMembers: [{ name: 'Sumiati', kind: 'PHYSICAL', severity: 'MODERATE' }],
      },
      effectiveFrom: '2025-10-01',
      reason: 'Warung tutup sejak Oktober',
    },
    metadata: { now: NOW },
  },
  recordConsentCommand(),
  recordConsentCommand({ consentId: id('consent-2'), purposes: ['RESIDENT_NOTIFICATIONS'] }),
  {
    type: 'WithdrawConsent',
    data: { residentId: RESIDENT_ID, consentId: id('consent-2'), withdrawnBy: { name: 'Siti Aminah', relation: 'SELF' }, reason: 'Tidak mau menerima SMS' },
    metadata: { now: NOW },
  },
  openCaseCommand({ channel: 'COMPLAINT_CHANNEL', complaint: { source: 'E_SAMBAT', reference: 'ES-2025-1101' }, declaredVulnerabilities: ['VIOLENCE_VICTIM'] }),
  recordAssessmentCommand({ dtsenStatus: 'NOT_IN_DTSEN', desil: null }),
  {
    type: 'RecordHomeVisit',
    data: {
      residentId: RESIDENT_ID,
      caseId: CASE_ID,
      visitId: id('visit-1'),
      visitedAt: '2025-11-12T10:30:00+07:00',
      visitedBy: { userId: 'tksk-panggungrejo', role: 'TKSK' },
      findings: 'Rumah kontrakan satu kamar.',
      verdict: 'LAYAK',
    },
    metadata: { now: LATER },
  },
  submitCaseCommand(),
  { type: 'WithdrawCase', data: { residentId: RESIDENT_ID, caseId: CASE_ID, reason: 'Warga pindah ke luar kota' }, metadata: { now: LATER } },
];

function run(commands: IntakeCommand[]): IntakeEvent[] {
  const stream: RecordedIntakeEvent[] = [];
  for (const command of commands) {
    const decision = decide(command, fold(stream));
    if (isIntakeError(decision)) throw new Error(`${command.type} refused: ${decision.message}`);
    stream.push(...decision.map((event) => recorded(event, command.metadata.now)));
  }
  return stream;
}

describe('intake events against their published schemas', () => {
  const events = run(scenario);

  it('emits every intake event type in the scenario', () => {
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(EVENT_TYPES_BY_CONTEXT.intake));
  });

  it.each(events.map((event) => [event.type, event] as const))('%s validates', (_type, event) => {
    expect(validateEventData(event.type, event.schemaVersion, event.data)).toEqual({ ok: true });
  });
});
