/**
 * Dead letters in embedded mode, kept in the event store itself: one stream per consumer,
 * `deadletters-<consumer>`, holding `EventDeadLettered` facts and `DeadLetterRedriveRequested`
 * facts. Chosen over a side table because the store is the only storage embedded mode has, an
 * auditor sees the dead letters in the same hash-chained log as everything else, and a re-drive
 * requested by the CLI in another process reaches the running transport through an ordinary
 * subscription. These streams are not resident streams: a resident's history never includes them.
 *
 * Ids are deterministic, so a crash between writing a dead letter and moving the checkpoint, or a
 * re-drive asked for twice, writes nothing twice.
 */
import type { EventStore, NewEvent, StoredEvent } from '@lastri/event-store';
import { DEAD_LETTER_STREAM_PREFIX, deadLetterStream } from '@lastri/contracts';
import { deterministicEventId, newId } from '@lastri/kernel';

import type { DeliveryFailure } from '../consumer/event-delivery';
import { describeError, type DeadLetter, type DeadLetterError, type DeadLetterQueue } from './dead-letter';

export const EVENT_DEAD_LETTERED = 'EventDeadLettered';
export const DEAD_LETTER_REDRIVE_REQUESTED = 'DeadLetterRedriveRequested';

export { DEAD_LETTER_STREAM_PREFIX, deadLetterStream };

export interface EventDeadLetteredData {
  consumer: string;
  handler?: string;
  topic: string;
  error: DeadLetterError;
  attempts: number;
  failedAt: string;
  original: {
    eventId: string;
    type: string;
    schemaVersion: number;
    streamName: string;
    streamVersion: number;
    globalPosition: string;
  };
  /** The re-drive request whose delivery failed; absent for the first delivery. */
  redriveRequestId?: string;
}

export interface DeadLetterRedriveRequestedData {
  deadLetterId: string;
  /** Version of the dead letter in its stream, so the transport reads it without a scan. */
  deadLetterVersion: number;
  requestedAt: string;
}

export interface StoredFailure {
  consumer: string;
  topic: string;
  event: StoredEvent;
  failure: DeliveryFailure;
  /** Set when the failed delivery was a re-drive. */
  redriveRequestId?: string;
}

export async function recordDeadLetter(store: EventStore, { consumer, topic, event, failure, redriveRequestId }: StoredFailure): Promise<void> {
  const data: EventDeadLetteredData = {
    consumer,
    ...(failure.handler ? { handler: failure.handler } : {}),
    topic,
    error: describeError(failure.error),
    attempts: failure.attempts,
    failedAt: failure.failedAt.toISOString(),
    original: {
      eventId: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamName: event.streamName,
      streamVersion: event.streamVersion,
      globalPosition: event.globalPosition,
    },
    ...(redriveRequestId ? { redriveRequestId } : {}),
  };
  const deadLetter: NewEvent = {
    id: deterministicEventId(redriveRequestId ?? event.id, `dead-letter:${consumer}:${failure.handler ?? 'refused'}`),
    type: EVENT_DEAD_LETTERED,
    schemaVersion: 1,
    data,
    metadata: {
      residentId: event.metadata.residentId,
      ...(event.metadata.caseId ? { caseId: event.metadata.caseId } : {}),
      correlationId: event.metadata.correlationId,
      causationId: redriveRequestId ?? event.id,
      actor: `service:${consumer}`,
      occurredAt: data.failedAt,
    },
  };
  await store.append(deadLetterStream(consumer), [deadLetter], 'any');
}

export class StoreDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly store: EventStore,
    readonly consumer: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(options: { includeRedriven?: boolean } = {}): Promise<DeadLetter[]> {
    return (await this.fold()).map(({ letter }) => letter).filter((letter) => options.includeRedriven || letter.status === 'pending');
  }

  /** Asks the running transport (now or at its next start) to deliver each pending one again. */
  async redrive(): Promise<DeadLetter[]> {
    const pending = (await this.fold()).filter(({ letter }) => letter.status === 'pending');
    if (pending.length === 0) return [];
    const requestedAt = this.now().toISOString();
    const requests: NewEvent[] = pending.map(({ stored: deadLetter }) => {
      const data: DeadLetterRedriveRequestedData = {
        deadLetterId: deadLetter.id,
        deadLetterVersion: deadLetter.streamVersion,
        requestedAt,
      };
      return {
        id: redriveRequestId(deadLetter.id),
        type: DEAD_LETTER_REDRIVE_REQUESTED,
        schemaVersion: 1,
        data,
        metadata: {
          residentId: deadLetter.metadata.residentId,
          correlationId: newId(),
          causationId: deadLetter.id,
          actor: `service:${this.consumer}`,
          occurredAt: requestedAt,
        },
      };
    });
    await this.store.append(deadLetterStream(this.consumer), requests, 'any');
    return pending.map(({ letter }) => ({ ...letter, status: 'redriven' as const }));
  }

  async close(): Promise<void> {
    // The store belongs to the caller.
  }

  private async fold(): Promise<{ letter: DeadLetter; stored: StoredEvent }[]> {
    const events = await this.store.readStream(deadLetterStream(this.consumer));
    const redriven = new Set(
      events
        .filter((event) => event.type === DEAD_LETTER_REDRIVE_REQUESTED)
        .map((event) => (event.data as DeadLetterRedriveRequestedData).deadLetterId),
    );
    const letters: { letter: DeadLetter; stored: StoredEvent }[] = [];
    for (const event of events) {
      if (event.type !== EVENT_DEAD_LETTERED) continue;
      const data = event.data as EventDeadLetteredData;
      const letter: DeadLetter = {
        id: event.id,
        consumer: data.consumer,
        ...(data.handler ? { handler: data.handler } : {}),
        eventId: data.original.eventId,
        eventType: data.original.type,
        residentId: event.metadata.residentId,
        original: {
          topic: data.topic,
          streamName: data.original.streamName,
          streamVersion: data.original.streamVersion,
          globalPosition: data.original.globalPosition,
        },
        error: data.error,
        attempts: data.attempts,
        failedAt: data.failedAt,
        status: redriven.has(event.id) ? 'redriven' : 'pending',
      };
      letters.push({ letter, stored: event });
    }
    return letters;
  }
}

/** One re-drive per dead letter: asking twice is a no-op (the store ignores a repeated id). */
export function redriveRequestId(deadLetterId: string): string {
  return deterministicEventId(deadLetterId, 'redrive');
}
