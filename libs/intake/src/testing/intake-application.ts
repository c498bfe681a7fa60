/**
 * Intake's application layer on a real event store, without Nest: each handler built as the
 * module builds it, for handler specs (`sqlite::memory:` is enough; no server, no mocks).
 */
import type { Actor } from '@lastri/auth';
import { createEventStore, type EventStore } from '@lastri/event-store';
import { fixedClock, newId } from '@lastri/kernel';

import { CaseLocator } from '../application/case-locator/case-locator';
import { CorrectProfileHandler } from '../application/correct-profile/correct-profile.handler';
import { NikRegistry } from '../application/nik-registry/nik-registry';
import { OpenCaseHandler } from '../application/open-case/open-case.handler';
import { RecordAssessmentHandler } from '../application/record-assessment/record-assessment.handler';
import { RecordConsentHandler } from '../application/record-consent/record-consent.handler';
import { RegisterResidentHandler } from '../application/register-resident/register-resident.handler';
import { CaseCommandRunner } from '../application/support/case-command.runner';
import type { CommandContext } from '../application/support/command-context';
import type { Outcome } from '../application/support/refusals';
import { ResidentCommandRunner } from '../application/support/resident-command.runner';
import { SubmitCaseHandler } from '../application/submit-case/submit-case.handler';
import { KANDANGSAPI, LATER } from './intake.fixtures';

export const BUDI: Actor = { sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: [KANDANGSAPI] };
/** A caseworker of another kelurahan (Gadingrejo). */
export const SARI: Actor = { sub: 'sari', name: 'Sari Wulandari', roles: ['caseworker'], kelurahan: ['35.75.01.1009'] };

export function contextOf(actor: Actor = BUDI, overrides: Partial<CommandContext> = {}): CommandContext {
  return { actor, correlationId: newId(), commandId: newId(), ...overrides };
}

export interface IntakeApplication {
  readonly store: EventStore;
  readonly register: RegisterResidentHandler;
  readonly correctProfile: CorrectProfileHandler;
  readonly recordConsent: RecordConsentHandler;
  readonly openCase: OpenCaseHandler;
  readonly recordAssessment: RecordAssessmentHandler;
  readonly submitCase: SubmitCaseHandler;
  close(): Promise<void>;
}

export async function intakeApplication(now = LATER): Promise<IntakeApplication> {
  const store = await createEventStore('sqlite::memory:');
  const clock = fixedClock(now);
  const nikRegistry = new NikRegistry(store, { nikPepper: 'lastri-handler-spec-pepper' }, clock);
  const runner = new ResidentCommandRunner(store, clock);
  const locator = new CaseLocator(store);
  const cases = new CaseCommandRunner(locator, runner);
  return {
    store,
    register: new RegisterResidentHandler(store, clock, nikRegistry),
    correctProfile: new CorrectProfileHandler(runner, nikRegistry),
    recordConsent: new RecordConsentHandler(runner),
    openCase: new OpenCaseHandler(runner, locator),
    recordAssessment: new RecordAssessmentHandler(cases),
    submitCase: new SubmitCaseHandler(cases),
    close: () => store.close(),
  };
}

/** The value of an outcome the spec expects to succeed; a refusal fails the spec, naming it. */
export function accepted<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`Expected success, got ${outcome.refusal.type}: ${outcome.refusal.message}`);
  return outcome.value;
}
