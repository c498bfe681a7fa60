/**
 * The batch of an append as the SQLite store writes it: checked as the port's gate
 * (validateNewEvents) checks it, and serialised once (storedJson): the stored form of data and
 * metadata, and the canonical text that is both stored and hashed.
 *
 * The gate makes the stored form by a JSON round trip of data and metadata, which storedJson
 * would then make again. So a batch is first checked here with copies of the gate's tests on the
 * events as given, and only serialised by storedJson. A batch that fails any of them, or whose
 * data or metadata does not serialise, goes through the gate itself: it refuses the batch with
 * its own error (or, were this stricter than the gate, returns what to store). A change to the
 * gate's checks belongs here too: sqlite-new-events.spec.ts holds the two side by side, and the
 * contract suite's invalid events come through here.
 */
import { storedJson } from '../../chain/stored-form';
import type { EventMetadata, NewEvent, StreamName } from '../../port/event-store';
import { RESIDENT_STREAM_CONTEXTS } from '../../port/streams';
import { validateNewEvents } from '../../port/validate-new-events';

export interface EventToStore {
  /** As the gate returns it: the id in lower case. */
  id: string;
  type: string;
  schemaVersion: number;
  /** What a read will return, and its text as stored and hashed (storedJson). */
  data: unknown;
  dataJson: string;
  metadata: EventMetadata;
  metadataJson: string;
}

/** Throws what validateNewEvents throws for this batch; otherwise the events in their stored form. */
export function eventsToStore(stream: StreamName, events: readonly NewEvent[]): EventToStore[] {
  return passingTheGate(stream, events) ?? throughTheGate(stream, events);
}

/** validateNewEvents, then storedJson of the data and metadata it returns (a round trip's already). */
function throughTheGate(stream: StreamName, events: readonly NewEvent[]): EventToStore[] {
  return validateNewEvents(stream, events).map((event) => toStore(event));
}

function toStore({ id, type, schemaVersion, data, metadata }: NewEvent): EventToStore {
  const storedData = storedJson(data);
  const storedMetadata = storedJson(metadata);
  return {
    id: id.toLowerCase(),
    type,
    schemaVersion,
    data: storedData.value,
    dataJson: storedData.json,
    metadata: storedMetadata.value as EventMetadata,
    metadataJson: storedMetadata.json,
  };
}

// The gate's constants and tests, as in port/validate-new-events.ts.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_STREAM_NAME_LENGTH = 200;

/**
 * The batch in its stored form if it passes every one of the gate's checks, undefined if it does
 * not or if its data or metadata does not serialise (then the gate has the last word).
 */
function passingTheGate(
  stream: StreamName,
  events: readonly NewEvent[],
): EventToStore[] | undefined {
  if (
    typeof stream !== 'string' ||
    stream.length === 0 ||
    stream.length > MAX_STREAM_NAME_LENGTH ||
    stream.startsWith('$') ||
    /[\s\p{Cc}]/u.test(stream) ||
    !Array.isArray(events) ||
    events.length === 0
  ) {
    return undefined;
  }
  const context = RESIDENT_STREAM_CONTEXTS.find((prefix) => stream.startsWith(`${prefix}-`));
  const streamResident = context === undefined ? undefined : stream.slice(context.length + 1);
  const stored = new Array<EventToStore>(events.length);
  const ids = new Set<string>();
  for (let index = 0; index < events.length; index++) {
    const event: unknown = events[index];
    if (!isPlainObject(event)) return undefined;
    const { id, type, schemaVersion, data, metadata } = event as unknown as NewEvent;
    if (
      typeof id !== 'string' ||
      !UUID.test(id) ||
      !isNonEmptyString(type) ||
      !Number.isInteger(schemaVersion) ||
      schemaVersion < 1 ||
      !isPlainObject(data) ||
      !isValidMetadata(metadata, streamResident)
    ) {
      return undefined;
    }
    let toBeStored: EventToStore;
    try {
      toBeStored = toStore({ id, type, schemaVersion, data, metadata });
    } catch {
      return undefined;
    }
    if (ids.has(toBeStored.id)) return undefined;
    ids.add(toBeStored.id);
    stored[index] = toBeStored;
  }
  return stored;
}

function isValidMetadata(
  metadata: unknown,
  streamResident: string | undefined,
): metadata is EventMetadata {
  if (!isPlainObject(metadata)) return false;
  const { residentId, correlationId, actor, occurredAt, caseId, causationId } = metadata;
  return (
    isNonEmptyString(residentId) &&
    isNonEmptyString(correlationId) &&
    isNonEmptyString(actor) &&
    isNonEmptyString(occurredAt) &&
    (caseId === undefined || isNonEmptyString(caseId)) &&
    (causationId === undefined || isNonEmptyString(causationId)) &&
    ISO_INSTANT.test(occurredAt) &&
    !Number.isNaN(Date.parse(occurredAt)) &&
    (streamResident === undefined || streamResident === residentId)
  );
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
