/**
 * What an append needs to know about its stream before it writes: the last event's revision
 * and hash (the new events chain onto it and the append is made conditional on that revision,
 * so a concurrent writer makes it fail instead of forking the chain), the last recordedAt (which
 * must not go backwards), and the ids already in the stream (idempotent re-appends).
 *
 * KurrentDB only offers the ids by reading the stream. A full read per append would make
 * appending to a long stream cost the whole stream every time, so heads are cached per stream
 * and each append reads only what was appended after the cached head: usually nothing, in one
 * round trip. The cache is only ever extended by reading forwards from its own head, so it
 * cannot miss an event another writer appended; an evicted stream is read whole again.
 */
import { GENESIS_HASH } from '../../chain/hash-chain';
import { storedEventHash } from '../../chain/stored-form';
import type { PreparedEvent } from '../../port/validate-new-events';
import { PartialDuplicateBatchError, WrongExpectedVersionError } from '../../port/errors';
import type {
  AppendResult,
  ExpectedVersion,
  NewEvent,
  StoredEvent,
  StreamName,
} from '../../port/event-store';
import type { ChainedEvent } from './kurrentdb-envelope';

export interface StreamHead {
  /** Revision of the last event; -1 when the stream has none. */
  version: number;
  /** Hash of the last event; GENESIS_HASH when the stream has none. */
  hash: string;
  recordedAt: string | undefined;
  ids: Set<string>;
}

export function emptyHead(): StreamHead {
  return { version: -1, hash: GENESIS_HASH, recordedAt: undefined, ids: new Set() };
}

/** Folds events read forwards from the head into it; events at or before the head are ignored. */
export function advanceHead(head: StreamHead, events: readonly StoredEvent[]): StreamHead {
  for (const event of events) {
    if (event.streamVersion <= head.version) continue;
    head.version = event.streamVersion;
    head.hash = event.hash;
    head.recordedAt = event.recordedAt;
    head.ids.add(event.id);
  }
  return head;
}

export class StreamHeads {
  private readonly cache = new Map<StreamName, StreamHead>();

  constructor(
    /** Reads the stream forwards from a revision to its end ([] for a stream that does not exist). */
    private readonly readFrom: (stream: StreamName, revision: number) => Promise<StoredEvent[]>,
    private readonly capacity: number,
  ) {}

  /** The stream's head now: the cached head brought up to date, or the whole stream read. */
  async current(stream: StreamName): Promise<StreamHead> {
    // Extended in place: whoever holds this object sees it move on, and an eviction while the
    // read is in flight loses nothing, since the object is complete up to its own version.
    const head = this.cache.get(stream) ?? emptyHead();
    advanceHead(head, await this.readFrom(stream, head.version + 1));
    this.remember(stream, head);
    return head;
  }

  /** What an append just wrote, if it continues the cached head. */
  appended(stream: StreamName, events: readonly StoredEvent[]): void {
    const head = this.cache.get(stream);
    if (head && events.length > 0 && events[0].streamVersion === head.version + 1) {
      advanceHead(head, events);
    }
  }

  get size(): number {
    return this.cache.size;
  }

  private remember(stream: StreamName, head: StreamHead): void {
    const cached = this.cache.get(stream);
    if (cached && cached !== head && cached.version > head.version) return;
    this.cache.delete(stream); // re-inserted last: the Map's order is least recently used first
    this.cache.set(stream, head);
    while (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value as StreamName;
      this.cache.delete(oldest);
    }
  }
}

/**
 * What an append decides from the head alone, before writing: a finished no-op when every id
 * is in the stream already (whatever version the caller expected), a refusal when some are or
 * the version is not the expected one, or undefined to go ahead. The same order as the SQL
 * stores: idempotency first, then the expected version.
 */
export function settleAgainstHead(
  stream: StreamName,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
  head: StreamHead,
): AppendResult | undefined {
  const alreadyStored = events.map((event) => event.id).filter((id) => head.ids.has(id));
  if (alreadyStored.length === events.length) {
    return { streamVersion: head.version, appended: [], alreadyAppended: true };
  }
  if (alreadyStored.length > 0) throw new PartialDuplicateBatchError(stream, alreadyStored);
  const actual = head.version < 0 ? 'no-stream' : head.version;
  if (expected !== 'any' && expected !== actual) {
    throw new WrongExpectedVersionError(stream, expected, actual);
  }
  return undefined;
}

/**
 * The events as they will be stored: numbered after the head and chained onto its hash, hashed
 * from the canonical texts the gate made (storedEventHash), not serialised again.
 */
export function chainOnto(
  stream: StreamName,
  events: readonly PreparedEvent[],
  head: Pick<StreamHead, 'version' | 'hash'>,
  recordedAt: string,
): ChainedEvent[] {
  let prevHash = head.hash;
  return events.map(
    ({ id, type, schemaVersion, data, metadata, dataJson, metadataJson }, index) => {
      const streamVersion = head.version + 1 + index;
      const placed = {
        id,
        type,
        schemaVersion,
        streamName: stream,
        streamVersion,
        recordedAt,
        prevHash,
      };
      const hash = storedEventHash({ ...placed, dataJson, metadataJson });
      prevHash = hash;
      return { ...placed, data, metadata, hash };
    },
  );
}
