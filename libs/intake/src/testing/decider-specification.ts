/**
 * Given / when / then for the intake decider: the shared DeciderSpecification (@lastri/decider)
 * with intake's refusal check on top — the type and, when given, exactly which fields broke
 * which rules, each with a message.
 */
import { DeciderSpecification } from '@lastri/decider/src/testing';

import { intakeDecider, type Decision } from '../domain/intake.decider';
import type { IntakeCommand } from '../domain/intake.commands';
import { isIntakeError, type IntakeError, type IntakeErrorType, type IntakeRule } from '../domain/intake.errors';
import type { IntakeEvent, RecordedIntakeEvent } from '../domain/intake.events';

export interface Expectation {
  readonly decision: Decision;
  thenEmits(expected: IntakeEvent[]): void;
  /** The events, for assertions on parts of them. */
  events(): IntakeEvent[];
  /** The refusal's type and, when given, exactly which fields broke which rules. */
  thenRefuses(type: IntakeErrorType, problems?: { field: string; rule: IntakeRule }[]): IntakeError;
}

const intake = DeciderSpecification.for(intakeDecider);

export function given(...history: RecordedIntakeEvent[]) {
  return {
    when(command: IntakeCommand): Expectation {
      const then = intake.given(...history).when(command);
      const decision = then.decision as Decision;
      return {
        decision,
        thenEmits(expected) {
          then.thenEmits(...expected);
        },
        events() {
          if (isIntakeError(decision)) {
            throw new Error(`Expected events, but the command was refused: ${JSON.stringify(decision, null, 2)}`);
          }
          return decision;
        },
        thenRefuses(type, problems) {
          then.thenRefuses((refusal) => refusal.type === type);
          const refusal = decision as IntakeError;
          if (problems) {
            expect(refusal.problems.map(({ field, rule }) => ({ field, rule }))).toEqual(problems);
          }
          expect(refusal.problems.length).toBeGreaterThan(0);
          for (const p of refusal.problems) expect(p.message.length).toBeGreaterThan(0);
          return refusal;
        },
      };
    },
  };
}
