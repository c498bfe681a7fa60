/**
 * Builders and waits for the contract suite. Every test works on residents and subscribers of
 * its own (fresh ids), so the suite also runs against a store other tests share (KurrentDB).
 */
import { newId } from '@lastri/kernel';

import type {
  EventMetadata,
  EventStore,
  NewEvent,
  StoredEvent,
  StreamName,
} from '../port/event-store';
import { residentStream, type ResidentStreamContext } from '../port/streams';

export interface TestResident {
  residentId: string;
  stream(context: ResidentStreamContext): StreamName;
  event(type: string, data?: Record<string, unknown>, metadata?: Partial<EventMetadata>): NewEvent;
  events(count: number, type?: string): NewEvent[];
}

export function newResident(): TestResident {
  const residentId = newId();
  let sequence = 0;
  const resident: TestResident = {
    residentId,
    stream: (context) => residentStream(context, residentId),
    event: (type, data = {}, metadata = {}) => ({
      id: newId(),
      type,
      schemaVersion: 1,
      data: { sequence: sequence++, ...data },
      metadata: {
        residentId,
        correlationId: newId(),
        actor: 'service:contract-test',
        occurredAt: '2025-03-14T08:30:00.000Z',
        ...metadata,
      },
    }),
    events: (count, type = 'ContractEventRecorded') =>
      Array.from({ length: count }, () => resident.event(type)),
  };
  return resident;
}

export function ids(events: readonly { id: string }[]): string[] {
  return events.map((event) => event.id);
}

export function ofResidents(
  events: readonly StoredEvent[],
  residentIds: Iterable<string>,
): StoredEvent[] {
  const wanted = new Set(residentIds);
  return events.filter((event) => wanted.has(event.metadata.residentId));
}

/**
 * Waits for something asynchronous (a subscription delivering) without asserting how long it
 * took: the deadline only turns a hang into a readable failure.
 */
export async function waitUntil(
  what: string,
  condition: () => boolean,
  deadlineMs = 60_000,
): Promise<void> {
  const giveUpAt = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting until ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function subscriberName(label: string): string {
  return `contract-${label}-${newId()}`;
}

/**
 * A wake-up across instances: subscribes on `listening` (a store whose poll interval is far
 * longer than `deadlineMs`), waits `settleMs` once it has caught up (for a push connection to
 * come up), appends one event of a new resident through `writer`, and waits up to `deadlineMs`
 * for `listening` to deliver it. Answers the ids of that resident's events it delivered, and
 * the appended event's id.
 */
export async function deliveredAcrossInstances(
  writer: EventStore,
  listening: EventStore,
  { settleMs, deadlineMs }: { settleMs: number; deadlineMs: number },
): Promise<{ delivered: string[]; appended: string }> {
  const resident = newResident();
  const delivered: string[] = [];
  const subscription = listening.subscribe(subscriberName('wake'), async (event) => {
    if (event.metadata.residentId === resident.residentId) delivered.push(event.id);
  });
  try {
    await subscription.caughtUp;
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
    const event = resident.event('ResidentRegistered');
    await writer.append(resident.stream('intake'), [event], 'no-stream');
    await waitUntil('the other instance delivered the event', () => delivered.length === 1, deadlineMs);
    return { delivered, appended: event.id };
  } finally {
    await subscription.stop();
  }
}
