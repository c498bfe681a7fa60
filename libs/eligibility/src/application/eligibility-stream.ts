/**
 * Reading and writing one resident's `eligibility-<residentId>` stream: folded into the decider's
 * state, and written through the shared command handler (contract gate, expected version, retry).
 */
import { EventTypes, catalogueEntry, residentStreamName, upcastEvent } from '@lastri/contracts';
import {
  handleCommand,
  isHandlerContractViolation,
  isHandlerVersionConflict,
  readState,
} from '@lastri/decider';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@lastri/event-store';

import {
  isEligibilityError,
  type EligibilityError,
} from '../domain/determination/eligibility.errors';
import type {
  EligibilityEvent,
  RecordedEligibilityEvent,
} from '../domain/determination/eligibility.events';
import {
  evolve,
  initialState,
  type EligibilityState,
} from '../domain/determination/eligibility.state';
import { InvalidEligibilityEvent } from './application-errors';

export interface EligibilityStreamSnapshot {
  readonly residentId: string;
  readonly state: EligibilityState;
  readonly events: readonly StoredEvent[];
  /** The version of the last event read, or 'no-stream'. */
  readonly version: number | 'no-stream';
}

/** An event the decider produced, with the id and metadata it will be stored under. */
export interface EventToAppend {
  readonly event: EligibilityEvent;
  readonly id: string;
  readonly metadata: EventMetadata;
}

type Decide<Decision> = (
  snapshot: Omit<EligibilityStreamSnapshot, 'events'>,
) => Promise<Decision> | Decision;

const MAX_ATTEMPTS = 6;
const ELIGIBILITY_TYPES = new Set<string>([
  EventTypes.EligibilityDetermined,
  EventTypes.ManualReviewRequired,
  EventTypes.ManualReviewDecided,
  EventTypes.EligibilityOverridden,
]);

export class EligibilityStream {
  constructor(private readonly store: EventStore) {}

  async read(residentId: string): Promise<EligibilityStreamSnapshot> {
    const { state, version, events } = await readState(this.store, foldOf(residentId));
    return { residentId, state, events, version };
  }

  /**
   * Decides on the stream as it is and appends what was decided, through the shared command
   * handler (a concurrent append means reading and deciding again, up to MAX_ATTEMPTS times).
   * Returns the stored events (empty when the decision was to append nothing, or when the same
   * ids were already stored). Errors thrown by `decide` pass through.
   */
  async update(
    residentId: string,
    decide: Decide<readonly EventToAppend[]>,
  ): Promise<StoredEvent[]>;
  async update(
    residentId: string,
    decide: Decide<readonly EventToAppend[] | EligibilityError>,
  ): Promise<StoredEvent[] | EligibilityError>;
  async update(
    residentId: string,
    decide: Decide<readonly EventToAppend[] | EligibilityError>,
  ): Promise<StoredEvent[] | EligibilityError> {
    const stream = residentStreamName('eligibility', residentId);
    const outcome = await handleCommand<
      EligibilityState,
      RecordedEligibilityEvent,
      EligibilityError
    >(this.store, {
      ...foldOf(residentId),
      decide: async (state, version) => {
        const decided = await decide({ residentId, state, version });
        return isEligibilityError(decided) ? decided : decided.map(toNewEvent);
      },
      attempts: MAX_ATTEMPTS,
    });
    if (outcome.ok) return [...outcome.stored];
    const { refusal } = outcome;
    // The handler's own refusals are failures here (a bug, a stream that never settles); the
    // decider's pass back to the caller as values.
    if (isHandlerContractViolation(refusal))
      throw new InvalidEligibilityEvent(refusal.eventType, refusal.issues);
    if (isHandlerVersionConflict(refusal))
      throw new WrongExpectedVersionError(stream, refusal.expected, refusal.actual);
    return refusal;
  }
}

function foldOf(residentId: string) {
  return {
    stream: residentStreamName('eligibility', residentId),
    initialState,
    evolve,
    recorded: (stored: StoredEvent): RecordedEligibilityEvent | undefined => {
      if (!ELIGIBILITY_TYPES.has(stored.type)) return undefined;
      const { type, data } = upcastEvent(stored);
      return { type, data, causationId: stored.metadata.causationId } as RecordedEligibilityEvent;
    },
  };
}

/** The event as it will be appended, at its latest schema version; the handler checks the contract. */
export function toNewEvent({ event, id, metadata }: EventToAppend): NewEvent {
  return {
    id,
    type: event.type,
    schemaVersion: catalogueEntry(event.type).latestVersion,
    data: event.data,
    metadata,
  };
}
