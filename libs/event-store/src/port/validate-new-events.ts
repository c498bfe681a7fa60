/**
 * The one gate every adapter puts in front of an append, so that what one store accepts the
 * others accept too. It also returns the events in the exact form the store keeps (what a JSON
 * round trip of data and metadata gives), because the hash is computed over that form: hashing
 * the caller's objects instead (a Date, an undefined field) would make an untouched event fail
 * verification. That form is made by storedJson (chain/stored-form.ts) in one pass, with its
 * canonical JSON text, which an adapter that stores JSON text both stores and hashes
 * (storedEventHash): data and metadata are serialised once per append, by this gate.
 */
import { storedJson, type StoredJson } from '../chain/stored-form';
import type { EventMetadata, ExpectedVersion, NewEvent, StreamName } from './event-store';
import { InvalidEventError } from './errors';
import { RESIDENT_STREAM_CONTEXTS } from './streams';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_STREAM_NAME_LENGTH = 200;

/** An event as the gate lets it through: its stored form, and the canonical text of its data and metadata. */
export interface PreparedEvent extends NewEvent {
  /** In lower case. */
  id: string;
  /** What a read will return (storedJson's value): keys in canonical order. */
  data: unknown;
  /** canonicalJson of `data`: the text to store and to hash (storedEventHash). */
  dataJson: string;
  metadata: EventMetadata;
  /** canonicalJson of `metadata`. */
  metadataJson: string;
}

/**
 * Throws InvalidEventError naming the first problem; otherwise returns the events as stored,
 * with the canonical text of their data and metadata (prepareNewEvents).
 */
export function validateNewEvents(
  stream: StreamName,
  events: readonly NewEvent[],
): PreparedEvent[] {
  return prepareNewEvents(stream, events);
}

/**
 * Throws InvalidEventError naming the first problem; otherwise returns the events in their stored
 * form, each with dataJson and metadataJson, the canonical texts a store keeps and hashes.
 */
export function prepareNewEvents(stream: StreamName, events: readonly NewEvent[]): PreparedEvent[] {
  validateStreamName(stream);
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidEventError(`Stream ${stream}: an append needs at least one event.`);
  }
  const context = RESIDENT_STREAM_CONTEXTS.find((prefix) => stream.startsWith(`${prefix}-`));
  const streamResident = context === undefined ? undefined : stream.slice(context.length + 1);
  const seen = new Set<string>();
  const prepared = new Array<PreparedEvent>(events.length);
  for (let index = 0; index < events.length; index++) {
    const stored = prepareNewEvent(stream, streamResident, events[index], index);
    if (seen.has(stored.id)) {
      throw new InvalidEventError(
        `Stream ${stream}: event id ${stored.id} appears twice in one batch.`,
      );
    }
    seen.add(stored.id);
    prepared[index] = stored;
  }
  return prepared;
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

/** A read's `from` or `limit`, when given: an integer of at least `minimum`. */
export function validateCount(name: string, value: number | undefined, minimum: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < minimum)) {
    throw new RangeError(
      `${name} must be an integer of at least ${minimum}; got ${JSON.stringify(value)}.`,
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

function prepareNewEvent(
  stream: StreamName,
  streamResident: string | undefined,
  event: NewEvent,
  index: number,
): PreparedEvent {
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
  // Metadata first, its serialisation included, then data's: the order of the gate's messages.
  const metadata = validateMetadata(
    `${where} (${event.id})`,
    stream,
    streamResident,
    event.metadata,
  );
  const data = asStoredJson(`${where} (${event.id}) data`, event.data);
  return {
    id: event.id.toLowerCase(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: data.value,
    dataJson: data.json,
    metadata: metadata.value as EventMetadata,
    metadataJson: metadata.json,
  };
}

function validateMetadata(
  where: string,
  stream: StreamName,
  streamResident: string | undefined,
  metadata: EventMetadata,
): StoredJson {
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
  if (streamResident !== undefined && streamResident !== metadata.residentId) {
    throw new InvalidEventError(
      `${where}: metadata.residentId ${metadata.residentId} does not match the resident of stream ${stream}.`,
    );
  }
  return asStoredJson(`${where} metadata`, metadata);
}

/** storedJson(value), or InvalidEventError with what the JSON round trip throws for it. */
function asStoredJson(what: string, value: unknown): StoredJson {
  try {
    return storedJson(value);
  } catch (error) {
    let reason = (error as Error).message;
    try {
      // The round trip's own words (storedJson has other ones for a toJSON giving undefined).
      JSON.parse(JSON.stringify(value) as string);
    } catch (roundTrip) {
      reason = (roundTrip as Error).message;
    }
    throw new InvalidEventError(`${what} is not serialisable as JSON: ${reason}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isNonEmptyString(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  // A printable ASCII first character is no white space that trim() would take away.
  const first = value.charCodeAt(0);
  return (first > 0x20 && first < 0x7f) || value.trim().length > 0;
}
