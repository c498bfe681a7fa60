/**
 * Contract-valid intake events for the messaging tests: `CaseOpened` v1, whose free-text
 * description carries what a test needs to see again at the other end (a sequence number, a
 * poison marker). Not exported from the library.
 */
import type { EventStore, NewEvent, StoredEvent } from '@lastri/event-store';
import { EventTypes, residentStreamName } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

export const POISON = 'POISON';

export interface CaseOpenedOptions {
  sequence?: number;
  description?: string;
  causationId?: string;
  occurredAt?: string;
}

export function caseOpened(residentId: string, options: CaseOpenedOptions = {}): NewEvent {
  return {
    id: newId(),
    type: EventTypes.CaseOpened,
    schemaVersion: 1,
    data: {
      caseId: newId(),
      needCategory: 'EDUCATION',
      description: options.description ?? `seq=${options.sequence ?? 0}`,
      channel: 'PUSKESOS',
      registeredBy: { userId: 'psm-kandangsapi-07', role: 'PSM' },
      priority: 'NORMAL',
      vulnerabilityReasons: [],
    },
    metadata: {
      residentId,
      correlationId: newId(),
      ...(options.causationId ? { causationId: options.causationId } : {}),
      actor: 'caseworker:psm-kandangsapi-07',
      occurredAt: options.occurredAt ?? '2025-11-10T09:05:00.000+07:00',
    },
  };
}

/** A CaseOpened whose data breaks its schema (no needCategory, an unknown field). */
export function invalidCaseOpened(residentId: string): NewEvent {
  const event = caseOpened(residentId, { description: 'schema-invalid' });
  const { needCategory: _dropped, ...data } = event.data as Record<string, unknown>;
  return { ...event, data: { ...data, unexpected: true } };
}

export function sequenceOf(data: unknown): number {
  const match = /seq=(\d+)/.exec(String((data as { description?: string }).description));
  return match ? Number(match[1]) : -1;
}

/** `perResident` events for each of `residents` new residents, interleaved across residents. */
export function interleavedCaseOpenings(residents: number, perResident: number): { residentId: string; event: NewEvent }[] {
  const residentIds = Array.from({ length: residents }, () => newId());
  const events: { residentId: string; event: NewEvent }[] = [];
  for (let sequence = 0; sequence < perResident; sequence++) {
    for (const residentId of residentIds) events.push({ residentId, event: caseOpened(residentId, { sequence }) });
  }
  return events;
}

/** Appends each event to its resident's intake stream, in the order given. */
export async function appendToIntake(store: EventStore, events: { residentId: string; event: NewEvent }[]): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  for (const { residentId, event } of events) {
    const result = await store.append(residentStreamName('intake', residentId), [event], 'any');
    stored.push(...result.appended);
  }
  return stored;
}

export function storedEvent(event: NewEvent, overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    ...event,
    streamName: residentStreamName('intake', event.metadata.residentId),
    streamVersion: 0,
    globalPosition: '1',
    recordedAt: '2025-11-10T02:05:00.100Z',
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
    ...overrides,
  };
}
