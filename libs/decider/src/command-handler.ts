/**
 * How every command of every context reaches its stream: read it, fold it into state, decide,
 * check each new event against its published contract, append under the version that was read.
 * A concurrent append is met by reading and deciding again, a few times; when the caller asserted
 * a version (If-Match) a changed stream is a conflict at once, since deciding again would act on
 * a state the caller never saw. Refusals come back as values, like the decider's.
 */
import { validateEventData, validateEventMetadata, type ValidationIssue } from '@lastri/contracts';
import {
  WrongExpectedVersionError,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@lastri/event-store';

export type StreamVersion = number | 'no-stream';

/** The stream moved on: since the caller read it (If-Match), or while retrying. */
export interface VersionConflict {
  readonly type: 'VersionConflict';
  readonly expected: StreamVersion;
  readonly actual: StreamVersion;
}

/** An event the command produced breaks its published schema: a bug, never appended. */
export interface ContractViolation {
  readonly type: 'ContractViolation';
  readonly eventType: string;
  /** Which part of the event broke its schema. */
  readonly part: 'data' | 'metadata';
  readonly issues: readonly ValidationIssue[];
}

export interface Appended<State> {
  readonly ok: true;
  /** The state the command was decided on. */
  readonly before: State;
  /** The stream's version after the append (the version read when nothing was appended). */
  readonly version: StreamVersion;
  /** What was decided, as appended (with ids and metadata). */
  readonly events: readonly NewEvent[];
  /** What this call stored: empty when nothing was decided or the ids were stored already. */
  readonly stored: readonly StoredEvent[];
}

export interface Refused<Refusal> {
  readonly ok: false;
  readonly refusal: Refusal | VersionConflict | ContractViolation;
}

export type CommandOutcome<State, Refusal> = Appended<State> | Refused<Refusal>;

export interface CommandRequest<State, Recorded, Refusal> {
  readonly stream: string;
  /** How a stored event is read back as the decider sees it; undefined skips it. */
  readonly recorded: (event: StoredEvent) => Recorded | undefined;
  readonly initialState: State;
  readonly evolve: (state: State, event: Recorded) => State;
  /** A refusal found on the state before the If-Match check and the decision (missing, no access). */
  readonly guard?: (state: State) => Refusal | undefined;
  /** The events to append (with the ids and metadata they will be stored under), or a refusal. */
  readonly decide: (
    state: State,
    version: StreamVersion,
  ) => Promise<readonly NewEvent[] | Refusal> | readonly NewEvent[] | Refusal;
  /** Work that must succeed before the events are stored (reserving a NIK). */
  readonly beforeAppend?: (
    events: readonly NewEvent[],
    state: State,
  ) => Promise<Refusal | undefined>;
  /** The version the caller read (If-Match): no retry, a changed stream is a conflict. */
  readonly expectedVersion?: number;
  /** Attempts without If-Match before a conflict is given up on (default 3). */
  readonly attempts?: number;
}

const DEFAULT_ATTEMPTS = 3;

export async function handleCommand<State, Recorded, Refusal>(
  store: EventStore,
  request: CommandRequest<State, Recorded, Refusal>,
): Promise<CommandOutcome<State, Refusal>> {
  const attempts = request.attempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const { state, version } = await readState(store, request);
    const guarded = request.guard?.(state);
    if (guarded !== undefined) return refused(guarded);
    if (request.expectedVersion !== undefined && request.expectedVersion !== version) {
      return refused(versionConflict(request.expectedVersion, version));
    }

    const decision = await request.decide(state, version);
    if (!Array.isArray(decision)) return refused(decision as Refusal);
    const events = decision as readonly NewEvent[];
    if (events.length === 0) return { ok: true, before: state, version, events, stored: [] };
    const violation = contractViolation(events);
    if (violation) return refused(violation);
    const blocked = await request.beforeAppend?.(events, state);
    if (blocked !== undefined) return refused(blocked);

    try {
      const result = await store.append(request.stream, [...events], version);
      return {
        ok: true,
        before: state,
        version: result.streamVersion,
        events,
        stored: result.appended,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (request.expectedVersion !== undefined || attempt >= attempts) {
        return refused(versionConflict(request.expectedVersion ?? version, error.actual));
      }
    }
  }
}

/** The stream folded into state, with the version of its last event. */
export async function readState<State, Recorded>(
  store: EventStore,
  request: Pick<
    CommandRequest<State, Recorded, unknown>,
    'stream' | 'recorded' | 'initialState' | 'evolve'
  >,
): Promise<{ state: State; version: StreamVersion; events: StoredEvent[] }> {
  const events = await store.readStream(request.stream);
  let state = request.initialState;
  for (const stored of events) {
    const recorded = request.recorded(stored);
    if (recorded !== undefined) state = request.evolve(state, recorded);
  }
  return { state, version: events.at(-1)?.streamVersion ?? 'no-stream', events };
}

/** The first event (data, then metadata) that breaks its published schema. */
export function contractViolation(events: readonly NewEvent[]): ContractViolation | undefined {
  for (const event of events) {
    const data = validateEventData(event.type, event.schemaVersion, event.data);
    if (!data.ok)
      return {
        type: 'ContractViolation',
        eventType: event.type,
        part: 'data',
        issues: data.errors,
      };
    const metadata = validateEventMetadata(event.metadata);
    if (!metadata.ok)
      return {
        type: 'ContractViolation',
        eventType: event.type,
        part: 'metadata',
        issues: metadata.errors,
      };
  }
  return undefined;
}

/**
 * Whether a refusal is the handler's own, not the context's. Checked by shape as well as by
 * `type`, since a context may name a refusal of its own the same way (intake's VersionConflict).
 */
export function isHandlerVersionConflict(refusal: {
  readonly type: string;
}): refusal is VersionConflict {
  return refusal.type === 'VersionConflict' && 'expected' in refusal && 'actual' in refusal;
}

export function isHandlerContractViolation(refusal: {
  readonly type: string;
}): refusal is ContractViolation {
  return refusal.type === 'ContractViolation' && 'issues' in refusal;
}

function versionConflict(expected: StreamVersion, actual: StreamVersion): VersionConflict {
  return { type: 'VersionConflict', expected, actual };
}

function refused<Refusal>(
  refusal: Refusal | VersionConflict | ContractViolation,
): Refused<Refusal> {
  return { ok: false, refusal };
}
