/**
 * Reading and writing one resident's `eligibility-<residentId>` stream: fold it into the decider's
 * state, decide, check every new event against its published schema, append with the version
 * read, and on a concurrent append start again from a fresh read.
 */
import {
  EventTypes,
  catalogueEntry,
  residentStreamName,
  upcastEvent,
  validateEventData,
} from '@lastri/contracts';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@lastri/event-store';

import type { EligibilityEvent, RecordedEligibilityEvent } from '../domain/determination/eligibility-events';
import { evolve, initialState, type EligibilityState } from '../domain/determination/eligibility-state';
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

const MAX_CONFLICTS = 5;
const ELIGIBILITY_TYPES = new Set<string>([
  EventTypes.EligibilityDetermined,
  EventTypes.ManualReviewRequired,
  EventTypes.ManualReviewDecided,
  EventTypes.EligibilityOverridden,
]);

export class EligibilityStream {
  constructor(private readonly store: EventStore) {}

  async read(residentId: string): Promise<EligibilityStreamSnapshot> {
    const events = await this.store.readStream(residentStreamName('eligibility', residentId));
    let state = initialState;
    for (const stored of events) {
      if (!ELIGIBILITY_TYPES.has(stored.type)) continue;
      const { type, data } = upcastEvent(stored);
      state = evolve(state, { type, data, causationId: stored.metadata.causationId } as RecordedEligibilityEvent);
    }
    return { residentId, state, events, version: events.at(-1)?.streamVersion ?? 'no-stream' };
  }

  /**
   * Decides on the stream as it is and appends what was decided. Returns the stored events
   * (empty when the decision was to append nothing, or when the same ids were already stored).
   * Domain errors thrown by `decide` pass through.
   */
  async update(
    residentId: string,
    decide: (snapshot: EligibilityStreamSnapshot) => Promise<readonly EventToAppend[]> | readonly EventToAppend[],
  ): Promise<StoredEvent[]> {
    for (let conflicts = 0; ; conflicts++) {
      const snapshot = await this.read(residentId);
      const decided = await decide(snapshot);
      if (decided.length === 0) return [];
      const events = decided.map(toNewEvent);
      try {
        const result = await this.store.append(residentStreamName('eligibility', residentId), events, snapshot.version);
        return result.appended;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || conflicts >= MAX_CONFLICTS) throw error;
      }
    }
  }
}

export function toNewEvent({ event, id, metadata }: EventToAppend): NewEvent {
  const schemaVersion = catalogueEntry(event.type).latestVersion;
  const validation = validateEventData(event.type, schemaVersion, event.data);
  if (!validation.ok) throw new InvalidEligibilityEvent(event.type, validation.errors);
  return { id, type: event.type, schemaVersion, data: event.data, metadata };
}
