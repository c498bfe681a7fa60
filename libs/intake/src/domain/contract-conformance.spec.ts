/**
 * Every event type intake emits, produced by the decider from a realistic scenario, passes its
 * published JSON Schema: the compiler checks the shapes, this checks what types cannot (formats,
 * patterns, the if/then rules of the schemas).
 */
import { EVENT_TYPES_BY_CONTEXT, validateEventData } from '@lastri/contracts';

import type { IntakeCommand } from './intake.commands';
import {
  NOW,
  RESIDENT_ID,
  history,
  homeVisitCommand,
  id,
  openCaseCommand,
  recordAssessmentCommand,
  recordConsentCommand,
  registerSiti,
  submitCaseCommand,
  withdrawCaseCommand,
  withdrawConsentCommand,
} from '../testing/intake.fixtures';

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
  withdrawConsentCommand({ consentId: id('consent-2'), reason: 'Tidak mau menerima SMS' }),
  openCaseCommand({ channel: 'COMPLAINT_CHANNEL', complaint: { source: 'E_SAMBAT', reference: 'ES-2025-1101' }, declaredVulnerabilities: ['VIOLENCE_VICTIM'] }),
  recordAssessmentCommand({ dtsenStatus: 'NOT_IN_DTSEN', desil: null }),
  homeVisitCommand({ findings: 'Rumah kontrakan satu kamar.' }),
  submitCaseCommand(),
  withdrawCaseCommand({ reason: 'Warga pindah ke luar kota' }),
];

describe('intake events against their published schemas', () => {
  const events = history(...scenario);

  it('emits every intake event type in the scenario', () => {
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(EVENT_TYPES_BY_CONTEXT.intake));
  });

  it.each(events.map((event) => [event.type, event] as const))('%s validates', (_type, event) => {
    expect(validateEventData(event.type, event.schemaVersion, event.data)).toEqual({ ok: true });
  });
});
