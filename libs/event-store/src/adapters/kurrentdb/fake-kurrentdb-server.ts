/**
 * A FAKE for tests where no server can run: an in-memory model of the KurrentDB server behind the part of
 * `@kurrent/kurrentdb-client` that KurrentDbEventStore uses (KurrentClient). It lets the store's
 * own logic (head reads, idempotency, chaining, read-back, paging `$all`, checkpoints, tamper
 * verification) run the contract suite on a machine without a server. It is NOT evidence of how
 * a real server behaves: it models what the client's types and KurrentDB's source say, namely
 *
 * - appends are checked like the server's CheckCommit: expected revision = current → written;
 *   expected < current and the following events have the same ids → success without writing
 *   (idempotent); partly the same or otherwise different → wrong expected version; 'any' with
 *   every id already in the stream → idempotent;
 * - stream reads honour `$tb` / `$maxCount` metadata and throw StreamNotFoundError for a stream
 *   never written; `$all` reads do not hide truncated events (until a scavenge, which is not
 *   modelled) and return the event at the position they start from;
 * - each append is one transaction: its events share a commit position, each has its own
 *   prepare position, and `$all` is ordered by (commit, prepare);
 * - stream metadata lives in `$$<stream>` as `$metadata` events, visible in `$all`.
 *
 * Every call yields to the event loop before it acts, so concurrent callers interleave.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';

import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendResult,
  type AppendStreamState,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
  type StreamMetadata,
} from '@kurrent/kurrentdb-client';

import type { KurrentClient } from './kurrentdb-event-store';

interface LogRecord {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  isJson: boolean;
  data: string;
  metadata: string | undefined;
  position: Position;
  created: Date;
}

const POSITION_STEP = 128n;

export class FakeKurrentDbServer {
  private readonly log: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<(record: LogRecord) => void>();
  private nextPosition = 1_024n;

  /** A client of this server, as another process would open one. */
  client(): KurrentClient {
    let disposed = false;
    const live = () => {
      if (disposed) throw new Error('This in-memory KurrentDB client was disposed.');
    };
    const client = {
      appendToStream: async (
        streamName: string,
        events: EventData | EventData[],
        options: { streamState?: AppendStreamState } = {},
      ) => {
        live();
        await tick();
        return this.append(
          streamName,
          Array.isArray(events) ? events : [events],
          options.streamState ?? 'any',
        );
      },
      readStream: (
        streamName: string,
        options: {
          fromRevision?: ReadRevision;
          direction?: string;
          maxCount?: number | bigint;
        } = {},
      ) => {
        live();
        return this.readStream(streamName, options);
      },
      readAll: (
        options: {
          fromPosition?: ReadPosition;
          direction?: string;
          maxCount?: number | bigint;
          filter?: Filter;
        } = {},
      ) => {
        live();
        return this.readAll(options);
      },
      getStreamMetadata: async (streamName: string) => {
        live();
        await tick();
        const metadata = this.metadataOf(streamName);
        return metadata ? { streamName, metadata: fromRawMetadata(metadata) } : { streamName };
      },
      setStreamMetadata: async (streamName: string, metadata: StreamMetadata) => {
        live();
        await tick();
        return this.append(
          `$$${streamName}`,
          [
            {
              id: randomUUID(),
              contentType: 'application/json',
              type: '$metadata',
              data: toRawMetadata(metadata),
              metadata: undefined,
            },
          ],
          'any',
        );
      },
      subscribeToAll: (options: { fromPosition?: ReadPosition; filter?: Filter } = {}) => {
        live();
        if (options.fromPosition !== 'end')
          throw new Error('The in-memory KurrentDB only subscribes from the end.');
        const feed = new PassThrough({ objectMode: true });
        const listener = (record: LogRecord) => {
          if (passes(record, options.filter))
            feed.write({ event: toRecorded(record), commitPosition: record.position.commit });
        };
        this.listeners.add(listener);
        return Object.assign(feed, {
          unsubscribe: async () => {
            this.listeners.delete(listener);
            feed.end();
          },
        });
      },
      dispose: async () => {
        disposed = true;
      },
    };
    return client as unknown as KurrentClient;
  }

  /** Every record of the log, KurrentDB's own included: what a scavenge-less `$all` holds. */
  get logSize(): number {
    return this.log.length;
  }

  private append(streamName: string, events: EventData[], state: AppendStreamState): AppendResult {
    const records = this.streams.get(streamName) ?? [];
    const current = records.length === 0 ? -1n : records[records.length - 1].revision;
    const refuse = (): never => {
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected: state,
        current: current < 0n ? 'no_stream' : current,
      });
    };
    const ids = events.map((event) => event.id);

    if (state === 'stream_exists' && current < 0n) refuse();
    if (state === 'any' || state === 'stream_exists') {
      const found = ids.map((id) => records.find((record) => record.id === id));
      if (found[0]) {
        const last = found[found.length - 1];
        if (!last || found.some((record) => !record)) return refuse(); // corrupted idempotency
        return { success: true, nextExpectedRevision: last.revision, position: last.position };
      }
    } else {
      const expected = state === 'no_stream' ? -1n : state;
      if (expected > current) refuse();
      if (expected < current) {
        const following = ids.map((_, index) =>
          records.find((record) => record.revision === expected + 1n + BigInt(index)),
        );
        const last = following[following.length - 1];
        if (last && following.every((record, index) => record?.id === ids[index])) {
          return { success: true, nextExpectedRevision: last.revision, position: last.position };
        }
        refuse();
      }
    }

    const commit = this.nextPosition;
    const written = events.map((event, index): LogRecord => {
      const record: LogRecord = {
        streamId: streamName,
        id: event.id,
        type: event.type,
        revision: current + 1n + BigInt(index),
        isJson: event.contentType === 'application/json',
        data: JSON.stringify(event.data),
        metadata: event.metadata === undefined ? undefined : JSON.stringify(event.metadata),
        position: { commit, prepare: this.nextPosition },
        created: new Date(),
      };
      this.nextPosition += POSITION_STEP;
      return record;
    });
    this.streams.set(streamName, [...records, ...written]);
    this.log.push(...written);
    for (const record of written) for (const listener of this.listeners) listener(record);
    const last = written[written.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  private async *readStream(
    streamName: string,
    {
      fromRevision = 'start',
      direction = 'forwards',
      maxCount = Number.MAX_SAFE_INTEGER,
    }: {
      fromRevision?: ReadRevision;
      direction?: string;
      maxCount?: number | bigint;
    },
  ) {
    await tick();
    const records = this.streams.get(streamName);
    if (!records || records.length === 0) throw new StreamNotFoundError(undefined, streamName);
    const visible = this.visible(streamName, records);
    const count = Number(maxCount);
    let selected: LogRecord[];
    if (direction === 'backwards') {
      const from = fromRevision === 'end' || fromRevision === 'start' ? undefined : fromRevision;
      selected = visible
        .filter((record) => from === undefined || record.revision <= from)
        .reverse()
        .slice(0, fromRevision === 'start' ? 0 : count);
    } else {
      const from =
        fromRevision === 'start' ? 0n : fromRevision === 'end' ? undefined : fromRevision;
      selected =
        from === undefined
          ? []
          : visible.filter((record) => record.revision >= from).slice(0, count);
    }
    for (const record of selected)
      yield { event: toRecorded(record), commitPosition: record.position.commit };
  }

  private async *readAll({
    fromPosition = 'start',
    direction = 'forwards',
    maxCount = Number.MAX_SAFE_INTEGER,
    filter,
  }: {
    fromPosition?: ReadPosition;
    direction?: string;
    maxCount?: number | bigint;
    filter?: Filter;
  }) {
    await tick();
    const count = Number(maxCount);
    const selected: LogRecord[] = [];
    if (direction === 'backwards') {
      if (fromPosition !== 'end')
        throw new Error('The in-memory KurrentDB only reads $all backwards from the end.');
      for (let index = this.log.length - 1; index >= 0 && selected.length < count; index--) {
        if (passes(this.log[index], filter)) selected.push(this.log[index]);
      }
    } else if (fromPosition !== 'end') {
      // The log is in position order: find the first record at or after the position, scan on.
      let index = fromPosition === 'start' ? 0 : this.firstAtOrAfter(fromPosition);
      for (; index < this.log.length && selected.length < count; index++) {
        if (passes(this.log[index], filter)) selected.push(this.log[index]);
      }
    }
    for (const record of selected)
      yield { event: toRecorded(record), commitPosition: record.position.commit };
  }

  private firstAtOrAfter(position: Position): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const at = this.log[middle].position;
      const before =
        at.commit < position.commit ||
        (at.commit === position.commit && at.prepare < position.prepare);
      if (before) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private visible(streamName: string, records: LogRecord[]): LogRecord[] {
    const metadata = this.metadataOf(streamName) ?? {};
    const truncateBefore = typeof metadata['$tb'] === 'number' ? BigInt(metadata['$tb']) : 0n;
    const maxCount = typeof metadata['$maxCount'] === 'number' ? metadata['$maxCount'] : undefined;
    const kept = records.filter((record) => record.revision >= truncateBefore);
    return maxCount === undefined ? kept : kept.slice(Math.max(0, kept.length - maxCount));
  }

  private metadataOf(streamName: string): Record<string, unknown> | undefined {
    const records = this.streams.get(`$$${streamName}`);
    const last = records?.[records.length - 1];
    return last ? (JSON.parse(last.data) as Record<string, unknown>) : undefined;
  }
}

function toRecorded(record: LogRecord) {
  return {
    streamId: record.streamId,
    id: record.id,
    type: record.type,
    revision: record.revision,
    isJson: record.isJson,
    data: record.isJson ? JSON.parse(record.data) : Buffer.from(record.data),
    metadata: record.metadata === undefined ? undefined : JSON.parse(record.metadata),
    created: record.created,
    position: { ...record.position },
  };
}

function passes(record: LogRecord, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}

const RAW_KEYS: Record<string, string> = {
  truncateBefore: '$tb',
  maxCount: '$maxCount',
  maxAge: '$maxAge',
  cacheControl: '$cacheControl',
  acl: '$acl',
};

function toRawMetadata(metadata: StreamMetadata): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(metadata).map(([key, value]) => [RAW_KEYS[key] ?? key, value]),
  );
}

function fromRawMetadata(raw: Record<string, unknown>): StreamMetadata {
  const byRaw = Object.fromEntries(Object.entries(RAW_KEYS).map(([key, rawKey]) => [rawKey, key]));
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [byRaw[key] ?? key, value]),
  ) as StreamMetadata;
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
