/**
 * The intake decider (docs/style.md): `decide(command, state)` answers with the events that record the
 * command, or with the typed reason it is refused; `evolve` folds events into state. No I/O, no
 * clock, no ids of its own: everything comes in with the command.
 */
import { assertNever, type Decider } from '@lastri/kernel';

import type { IntakeCommand } from './intake.commands';
import type { IntakeError } from './intake.errors';
import type { IntakeEvent, RecordedIntakeEvent } from './intake.events';
import { evolve } from './intake.evolve';
import { initialState, type IntakeState } from './intake.state';
import { openCase, recordAssessment, recordHomeVisit, submitCase, withdrawCase } from './rules/case.rules';
import { recordConsent, withdrawConsent } from './rules/consent.rules';
import { changeCircumstances, correctProfile, registerResident } from './rules/resident.rules';

export type Decision = IntakeEvent[] | IntakeError;

export function decide(command: IntakeCommand, state: IntakeState): Decision {
  switch (command.type) {
    case 'RegisterResident':
      return registerResident(command, state);
    case 'CorrectProfile':
      return correctProfile(command, state);
    case 'ChangeCircumstances':
      return changeCircumstances(command, state);
    case 'RecordConsent':
      return recordConsent(command, state);
    case 'WithdrawConsent':
      return withdrawConsent(command, state);
    case 'OpenCase':
      return openCase(command, state);
    case 'RecordAssessment':
      return recordAssessment(command, state);
    case 'RecordHomeVisit':
      return recordHomeVisit(command, state);
    case 'SubmitCase':
      return submitCase(command, state);
    case 'WithdrawCase':
      return withdrawCase(command, state);
    default:
      return assertNever(command, 'intake command');
  }
}

export function fold(events: readonly RecordedIntakeEvent[], from: IntakeState = initialState): IntakeState {
  return events.reduce(evolve, from);
}

/** The decider as one value, for the decider specification. */
export const intakeDecider: Decider<IntakeCommand, IntakeEvent, IntakeState, IntakeError, RecordedIntakeEvent> = { decide, evolve, initialState };
