/**
 * A context's write model as three pure functions (Chassaing's decider): the state before any
 * event, how a recorded event changes it, and what a command decides on it. `decide` returns the
 * new events or a refusal as a value; it never throws for a rule of the domain. `Recorded` is the
 * event as read back from the stream (with its id and time), when the context folds more than
 * it decides.
 */
export interface Decider<Command, Event, State, Refusal, Recorded = Event> {
  readonly initialState: State;
  evolve(state: State, event: Recorded): State;
  decide(command: Command, state: State): readonly Event[] | Refusal;
}

/** A decision is events (possibly none) or a refusal: arrays are the events. */
export function isRefusal<Event, Refusal>(decision: readonly Event[] | Refusal): decision is Refusal {
  return !Array.isArray(decision);
}

/** For the `default:` of a switch over a union: a new member fails to compile here. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
