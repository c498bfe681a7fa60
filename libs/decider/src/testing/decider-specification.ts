/**
 * Given events, when a command, then events or a refusal — after Emmett's DeciderSpecification.
 * A decider test states the history, the command and what must come of it; nothing else.
 * Assertions use node:assert, so the helper works under any test runner. The method is
 * `thenEmits`, not `then`: an object with `then` is a thenable, and `await` would swallow it.
 */
import { deepStrictEqual, fail } from 'node:assert/strict';

import { isRefusal, type Decider } from '@lastri/kernel';

export interface DeciderSpecification<Command, Event, Refusal, Recorded = Event> {
  given(...history: readonly Recorded[]): {
    when(command: Command): Then<Event, Refusal>;
  };
}

export interface Then<Event, Refusal> {
  /** The decision was exactly these events (none when called without any). */
  thenEmits(...expected: readonly Event[]): void;
  /** The decision was a refusal: equal to `expected`, or, given a function, one it accepts. */
  thenRefuses(expected: Refusal | ((refusal: Refusal) => boolean | void)): void;
  /** The raw decision, for assertions the two above cannot state. */
  readonly decision: readonly Event[] | Refusal;
}

export const DeciderSpecification = {
  for<Command, Event, State, Refusal, Recorded = Event>(
    decider: Decider<Command, Event, State, Refusal, Recorded>,
  ): DeciderSpecification<Command, Event, Refusal, Recorded> {
    return {
      given: (...history) => ({
        when: (command) =>
          thenOf(decider.decide(command, history.reduce(decider.evolve, decider.initialState))),
      }),
    };
  },
};

function thenOf<Event, Refusal>(decision: readonly Event[] | Refusal): Then<Event, Refusal> {
  return {
    decision,
    thenEmits(...expected) {
      if (isRefusal<Event, Refusal>(decision))
        fail(`expected events, but the command was refused: ${JSON.stringify(decision)}`);
      deepStrictEqual(decision, expected);
    },
    thenRefuses(expected) {
      if (!isRefusal<Event, Refusal>(decision))
        fail(`expected a refusal, but the command decided ${JSON.stringify(decision)}`);
      if (typeof expected !== 'function') return deepStrictEqual(decision, expected);
      const accepted = (expected as (refusal: Refusal) => boolean | void)(decision);
      if (accepted === false)
        fail(`the refusal is not the one expected: ${JSON.stringify(decision)}`);
    },
  };
}
