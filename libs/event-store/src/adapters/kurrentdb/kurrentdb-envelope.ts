/**
 * How a LASTRI event is laid out in KurrentDB. KurrentDB keeps an event's id, type, stream,
 * revision, log position and two opaque payloads: data and metadata. LASTRI's data goes in data
 * as JSON; everything else the port and the hash chain need goes in metadata, under `lastri`:
 *
 *   {
 *     "$correlationId": "…", "$causationId": "…",   // KurrentDB's own convention, for its tools
 *     "lastri": {
 *       "envelope": 1,
 *       "schemaVersion": 1,
 *       "streamVersion": 4,       // the version the writer chained the event at
 *       "recordedAt": "2025-03-14T08:30:00.123Z",
 *       "prevHash": "…", "hash": "…",
 *       "metadata": { residentId, caseId?, correlationId, causationId?, actor, occurredAt },
 *       "write": "…"              // id of the append call that wrote it
 *     }
 *   }
 *
 * The hash covers the event as the port returns it (eventHash over id, type, schemaVersion,
 * data, metadata, streamName, streamVersion, recordedAt, prevHash), so the chain can be checked
 * from what KurrentDB returns. `$correlationId` / `$causationId` are copies for KurrentDB's
 * projections and UI: derived, never read back, outside the hash. `write` is outside the hash
 * too: it only tells an appender, reading its events back, whether KurrentDB stored its write or
 * answered it as a duplicate of someone else's (same ids, possibly the very same content).
 *
 * `streamVersion` is kept although KurrentDB numbers events itself (the revision): KurrentDB
 * cannot change an event in place, so whoever wants to alter a stream has to hide it
 * (truncate-before) and write it again, which moves every event to a new revision. The version
 * each event was chained at is what lets verification see both the altered content and the move
 * (kurrentdb-verify.ts). Reads report the revision, which is what appends are checked against.
 */
import { jsonEvent, type EventData, type Position } from '@kurrent/kurrentdb-client';

import type { EventMetadata, StoredEvent } from '../../port/event-store';
import { encodePosition } from './kurrentdb-position';

export const ENVELOPE_VERSION = 1;

/** Streams that hold the store's own bookkeeping: one per subscriber, its last checkpoint. */
export const CHECKPOINT_STREAM_PREFIX = 'lastri-checkpoint-';

export interface LastriEnvelope {
  envelope: typeof ENVELOPE_VERSION;
  schemaVersion: number;
  streamVersion: number;
  recordedAt: string;
  prevHash: string;
  hash: string;
  metadata: EventMetadata;
  write: string;
}

export interface KurrentEventMetadata {
  $correlationId: string;
  $causationId?: string;
  lastri: LastriEnvelope;
}

/** An event as appended: chained and hashed, its log position not known until it is read. */
export type ChainedEvent = Omit<StoredEvent, 'globalPosition'>;

/** What this adapter needs of a KurrentDB recorded event (the client's RecordedEvent fits). */
export interface RecordedLike {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

export interface DecodedEvent {
  /** As the port returns it; `streamVersion` is the KurrentDB revision. */
  event: StoredEvent;
  /** KurrentDB's revision of the event. */
  revision: number;
  /** The version the writer chained the event at; equal to the revision unless rewritten. */
  chainedVersion: number;
  /** Id of the append call that wrote it. */
  write: string;
}

/** Not an event this store wrote: no LASTRI envelope, or one that does not parse. */
export class ForeignEventError extends Error {
  override readonly name = 'ForeignEventError';
  constructor(
    readonly streamName: string,
    readonly revision: bigint,
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(
      `Event ${eventId} at revision ${revision} of ${streamName} is not a LASTRI event: ${reason}.`,
    );
  }
}

export function toEventData(event: ChainedEvent, write: string): EventData {
  const metadata: KurrentEventMetadata = {
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId !== undefined && { $causationId: event.metadata.causationId }),
    lastri: {
      envelope: ENVELOPE_VERSION,
      schemaVersion: event.schemaVersion,
      streamVersion: event.streamVersion,
      recordedAt: event.recordedAt,
      prevHash: event.prevHash,
      hash: event.hash,
      metadata: event.metadata,
      write,
    },
  };
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: metadata as unknown as Record<string, unknown>,
  });
}

/** Throws ForeignEventError for an event without a well-formed LASTRI envelope. */
export function decodeRecordedEvent(recorded: RecordedLike): DecodedEvent {
  const foreign = (reason: string) =>
    new ForeignEventError(recorded.streamId, recorded.revision, recorded.id, reason);
  if (!recorded.isJson || !isPlainObject(recorded.data))
    throw foreign('its data is not a JSON object');
  const envelope = isPlainObject(recorded.metadata) ? recorded.metadata['lastri'] : undefined;
  if (envelope === undefined) throw foreign('its metadata has no lastri envelope');
  const problem = envelopeProblem(envelope);
  if (problem) throw foreign(problem);
  const lastri = envelope as LastriEnvelope;
  const revision = Number(recorded.revision);
  if (!Number.isSafeInteger(revision)) throw foreign('its revision is out of range');
  if (!recorded.position) {
    throw foreign(
      'KurrentDB returned no log position with it (servers before 22.6 do not; LASTRI needs one that does)',
    );
  }
  return {
    event: {
      id: recorded.id.toLowerCase(),
      type: recorded.type,
      schemaVersion: lastri.schemaVersion,
      data: recorded.data,
      metadata: lastri.metadata,
      streamName: recorded.streamId,
      streamVersion: revision,
      globalPosition: encodePosition(recorded.position),
      recordedAt: lastri.recordedAt,
      prevHash: lastri.prevHash,
      hash: lastri.hash,
    },
    revision,
    chainedVersion: lastri.streamVersion,
    write: lastri.write,
  };
}

/** KurrentDB's own streams and event types (`$…`) and this store's checkpoint streams. */
export function isStoreInternal(streamId: string, type: string): boolean {
  return (
    streamId.startsWith('$') ||
    type.startsWith('$') ||
    streamId.startsWith(CHECKPOINT_STREAM_PREFIX)
  );
}

const HASH = /^[0-9a-f]{64}$/;

function envelopeProblem(envelope: unknown): string | undefined {
  if (!isPlainObject(envelope)) return 'its lastri envelope is not an object';
  if (envelope['envelope'] !== ENVELOPE_VERSION) {
    return `its lastri envelope has version ${JSON.stringify(envelope['envelope'])}, not ${ENVELOPE_VERSION}`;
  }
  const { schemaVersion, streamVersion, recordedAt, prevHash, hash, metadata } = envelope;
  if (!Number.isInteger(schemaVersion) || (schemaVersion as number) < 1)
    return 'schemaVersion is not a positive integer';
  if (!Number.isInteger(streamVersion) || (streamVersion as number) < 0)
    return 'streamVersion is not an integer from 0';
  if (typeof recordedAt !== 'string' || Number.isNaN(Date.parse(recordedAt)))
    return 'recordedAt is not an instant';
  if (typeof prevHash !== 'string' || !HASH.test(prevHash))
    return 'prevHash is not a SHA-256 hex digest';
  if (typeof hash !== 'string' || !HASH.test(hash)) return 'hash is not a SHA-256 hex digest';
  if (!isPlainObject(metadata)) return 'metadata is not an object';
  if (typeof envelope['write'] !== 'string') return 'write is not an id';
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
