/**
 * Given / when / then for the intake decider (after Emmett's DeciderSpecification): given the
 * events already in a resident's stream, when a command is decided, then these events, or this
 * refusal. The methods are `thenEmits` / `thenRefuses` rather than `then`, which would make the
 * object a thenable that `await` swallows.
 */
import { fold, decide, type Decision } from '../intake.decider';
import type { IntakeCommand } from '../intake.commands';
import { isIntakeError, type IntakeError, type IntakeErrorType, type IntakeRule } from '../intake.errors';
import type { IntakeEvent, RecordedIntakeEvent } from '../intake.events';

export interface Expectation {
  readonly decision: Decision;
  thenEmits(expected: IntakeEvent[]): void;
  /** The events, for assertions on parts of them. */
  events(): IntakeEvent[];
  /** The refusal's type and, when given, exactly which fields broke which rules. */
  thenRefuses(type: IntakeErrorType, problems?: { field: string; rule: IntakeRule }[]): IntakeError;
}

export function given(...history: RecordedIntakeEvent[]) {
  return {
    when(command: IntakeCommand): Expectation {
      const decision = decide(command, fold(history));
      return {
        decision,
        thenEmits(expected) {
          expect(decision).toEqual(expected);
        },
        events() {
          if (isIntakeError(decision)) {
            throw new Error(`Expected events, but the command was refused: ${JSON.stringify(decision, null, 2)}`);
          }
          return decision;
        },
        thenRefuses(type, problems) {
          if (!isIntakeError(decision)) {
            throw new Error(`Expected a ${type} refusal, but got events: ${JSON.stringify(decision, null, 2)}`);
          }
          expect(decision.type).toBe(type);
          if (problems) {
            expect(decision.problems.map(({ field, rule }) => ({ field, rule }))).toEqual(problems);
          }
          expect(decision.problems.length).toBeGreaterThan(0);
          for (const p of decision.problems) expect(p.message.length).toBeGreaterThan(0);
          return decision;
        },
      };
    },
  };
}
