/**
 * The one gate every adapter puts in front of an append, so that what one store accepts the
 * others accept too. It also returns the events in the exact form the store keeps (a JSON round
 * trip of data and metadata), because the hash is computed over that form: hashing the caller's
 * objects instead (a Date, an undefined field) would make an untouched event fail verification.
 */
import type { EventMetadata, ExpectedVersion, NewEvent, StreamName } from './event-store';
import { InvalidEventError } from './errors';
import { RESIDENT_STREAM_CONTEXTS } from './streams';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_STREAM_NAME_LENGTH = 200;

/** Throws InvalidEventError naming the first problem; otherwise returns the events as stored. */
export function validateNewEvents(stream: StreamName, events: readonly NewEvent[]): NewEvent[] {
  validateStreamName(stream);
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidEventError(`Stream ${stream}: an append needs at least one event.`);
  }
  const seen = new Set<string>();
  return events.map((event, index) => {
    const stored = validateNewEvent(stream, event, index);
    if (seen.has(stored.id)) {
      throw new InvalidEventError(
        `Stream ${stream}: event id ${stored.id} appears twice in one batch.`,
      );
    }
    seen.add(stored.id);
    return stored;
  });
}

/** A malformed expected version is a programming error, not a concurrency conflict to retry. */
export function validateExpectedVersion(expected: ExpectedVersion): void {
  if (expected === 'no-stream' || expected === 'any') return;
  if (!Number.isInteger(expected) || expected < 0) {
    throw new RangeError(
      `An expected version is the version of the stream's last event (an integer from 0), 'no-stream' or 'any'; got ${JSON.stringify(expected)}.`,
    );
  }
}

function validateStreamName(stream: StreamName): void {
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidEventError(
      `A stream name is a non-empty string of at most ${MAX_STREAM_NAME_LENGTH} characters.`,
    );
  }
  // `$` streams are KurrentDB's own; whitespace and control characters make names ambiguous in logs.
  if (stream.startsWith('$') || /[\s\p{Cc}]/u.test(stream)) {
    throw new InvalidEventError(
      `Stream name ${JSON.stringify(stream)} starts with $ or contains whitespace.`,
    );
  }
}

function validateNewEvent(stream: StreamName, event: NewEvent, index: number): NewEvent {
  const where = `Stream ${stream}, event ${index}`;
  if (!isPlainObject(event)) throw new InvalidEventError(`${where}: not an event object.`);
  if (typeof event.id !== 'string' || !UUID.test(event.id)) {
    throw new InvalidEventError(`${where}: id must be a UUID, got ${JSON.stringify(event.id)}.`);
  }
  if (!isNonEmptyString(event.type))
    throw new InvalidEventError(`${where} (${event.id}): type is missing.`);
  if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
    throw new InvalidEventError(
      `${where} (${event.id}): schemaVersion must be a positive integer.`,
    );
  }
  if (!isPlainObject(event.data)) {
    throw new InvalidEventError(`${where} (${event.id}): data must be a JSON object.`);
  }
  const metadata = validateMetadata(`${where} (${event.id})`, stream, event.metadata);
  return {
    id: event.id.toLowerCase(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: asStoredJson(`${where} (${event.id}) data`, event.data),
    metadata,
  };
}

function validateMetadata(
  where: string,
  stream: StreamName,
  metadata: EventMetadata,
): EventMetadata {
  if (!isPlainObject(metadata)) throw new InvalidEventError(`${where}: metadata is missing.`);
  for (const field of ['residentId', 'correlationId', 'actor', 'occurredAt'] as const) {
    if (!isNonEmptyString(metadata[field]))
      throw new InvalidEventError(`${where}: metadata.${field} is missing.`);
  }
  for (const field of ['caseId', 'causationId'] as const) {
    if (metadata[field] !== undefined && !isNonEmptyString(metadata[field])) {
      throw new InvalidEventError(
        `${where}: metadata.${field}, when present, is a non-empty string.`,
      );
    }
  }
  if (!ISO_INSTANT.test(metadata.occurredAt) || Number.isNaN(Date.parse(metadata.occurredAt))) {
    throw new InvalidEventError(
      `${where}: metadata.occurredAt must be an ISO-8601 instant with a time zone.`,
    );
  }
  // A resident stream holds one resident's facts; an event naming another resident would show up
  // in the wrong history (and escape the right one) depending on how an adapter looks it up.
  const context = RESIDENT_STREAM_CONTEXTS.find((prefix) => stream.startsWith(`${prefix}-`));
  if (context && stream.slice(context.length + 1) !== metadata.residentId) {
    throw new InvalidEventError(
      `${where}: metadata.residentId ${metadata.residentId} does not match the resident of stream ${stream}.`,
    );
  }
  return asStoredJson(`${where} metadata`, metadata);
}

function asStoredJson<T>(what: string, value: T): T {
  try {
    return JSON.parse(JSON.stringify(value)) as T;
  } catch (error) {
    throw new InvalidEventError(`${what} is not serialisable as JSON: ${(error as Error).message}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
