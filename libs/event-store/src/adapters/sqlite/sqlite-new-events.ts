/**
 * The batch of an append as the SQLite store writes it: what the port's gate (prepareNewEvents)
 * returns, the events in their stored form with the canonical text of their data and metadata,
 * which the store both keeps and hashes. The checks are the gate's own; none are repeated here.
 */
import type { NewEvent, StreamName } from '../../port/event-store';
import { prepareNewEvents, type PreparedEvent } from '../../port/validate-new-events';

export type EventToStore = PreparedEvent;

/** Throws what validateNewEvents throws for this batch; otherwise the events in their stored form. */
export function eventsToStore(stream: StreamName, events: readonly NewEvent[]): EventToStore[] {
  return prepareNewEvents(stream, events);
}
