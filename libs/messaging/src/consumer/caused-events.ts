/**
 * Idempotent reactions (docs/architecture.md, Event store): an event a handler appends because of
 * another event gets the id `uuidv5(causationId + handler)`, so when the same message comes again
 * (a relay repeat, a re-drive, a retry after a crash) the append is a no-op in the store.
 *
 *   const reaction = causedBy(event, { handler: 'evaluate-eligibility', actor: 'service:eligibility', at: clock.now() });
 *   await appendCausedEvents(store, residentStreamName('eligibility', event.residentId), (history) =>
 *     decide(history).map((outcome) => reaction.event(outcome.type, outcome.data)));
 */
import { WrongExpectedVersionError, type AppendResult, type EventStore, type NewEvent, type StoredEvent } from '@lastri/event-store';
import { catalogueEntry } from '@lastri/contracts';
import { deterministicEventId } from '@lastri/kernel';

import type { EventEnvelope } from '../envelope/event-envelope';

export interface Reaction {
  /** A stable name of the handler: part of every id it produces, so never rename it lightly. */
  handler: string;
  /** `service:<context>`. */
  actor: string;
  /** When the reaction happened (a Clock's now()). A repeat produces no event, so it needs no fixed time. */
  at: Date;
}

export interface CausedEvents {
  /**
   * The n-th call gives the n-th event of this reaction: the first has id
   * uuidv5(cause.id + handler), later ones uuidv5(cause.id + handler#n), the same on every repeat
   * as long as the handler decides the same events in the same order.
   */
  event<Data>(type: string, data: Data, options?: { schemaVersion?: number; caseId?: string }): NewEvent<Data>;
}

export function causedBy(cause: EventEnvelope, reaction: Reaction): CausedEvents {
  let count = 0;
  return {
    event(type, data, options = {}) {
      count += 1;
      const caseId = options.caseId;
      return {
        id: deterministicEventId(cause.id, count === 1 ? reaction.handler : `${reaction.handler}#${count}`),
        type,
        schemaVersion: options.schemaVersion ?? catalogueEntry(type).latestVersion,
        data,
        metadata: {
          residentId: cause.residentId,
          ...(caseId ? { caseId } : {}),
          correlationId: cause.correlationId,
          causationId: cause.id,
          actor: reaction.actor,
          occurredAt: reaction.at.toISOString(),
        },
      };
    },
  };
}

/**
 * Read the stream, decide, append with the version read; on a concurrent append, read and decide
 * again. Events already in the stream (same ids) make the append a no-op: `alreadyAppended`.
 * Returns undefined when the decision was to append nothing.
 */
export async function appendCausedEvents(
  store: EventStore,
  stream: string,
  decide: (history: StoredEvent[]) => NewEvent[],
  maxConflicts = 5,
): Promise<AppendResult | undefined> {
  for (let conflicts = 0; ; conflicts++) {
    const history = await store.readStream(stream);
    const events = decide(history);
    if (events.length === 0) return undefined;
    const expected = history.length === 0 ? 'no-stream' : history[history.length - 1].streamVersion;
    try {
      return await store.append(stream, events, expected);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || conflicts >= maxConflicts) throw error;
    }
  }
}
