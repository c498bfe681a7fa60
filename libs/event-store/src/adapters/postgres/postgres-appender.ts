/**
 * Appends through lastri_append, several at a time when several are waiting: appends that arrive
 * while earlier calls are in flight go out together in the next call, as one transaction with
 * one commit. A lone append goes out at once, so this adds no latency; under concurrent load it
 * saves round trips and commits (the cost that bounds appends per second). Each append keeps
 * its own outcome: one append's version conflict does not affect the others in its call.
 */
import type { Pool } from 'pg';

import { GENESIS_HASH } from '../../chain/hash-chain';
import { storedEventHash } from '../../chain/stored-form';
import {
  InvalidEventError,
  PartialDuplicateBatchError,
  WrongExpectedVersionError,
} from '../../port/errors';
import type {
  AppendResult,
  ExpectedVersion,
  StoredEvent,
  StreamName,
} from '../../port/event-store';
import { nextRecordedAt } from '../../port/recorded-at';
import type { PreparedEvent } from '../../port/validate-new-events';
import { int4Array, int8Array, jsonArray, textArray, uuidArray } from './binary-arrays';
import { encodePosition } from './postgres-position';
import {
  APPEND_MANY_ARGUMENT_TYPES,
  APPEND_ONE_ARGUMENT_TYPES,
  APPEND_OUTCOME_ARGUMENT_TYPES,
} from './postgres-schema';

export interface AppenderOptions {
  /** Calls to lastri_append in flight at once; appends arriving meanwhile wait and go together. */
  maxCallsInFlight: number;
  /** Appends one call carries at most. */
  maxAppendsPerCall: number;
  headCacheSize: number;
}

export interface StreamHead {
  /** Version of the last event; -1 for a stream without events. */
  version: number;
  /** Its hash; null when not known. */
  hash: string | null;
}

/** Each retry means another writer moved the stream in between: many in a row is not normal. */
const MAX_STALE_HEAD_RETRIES = 50;

/**
 * PostgreSQL refuses the character NUL in text (22021): in an event's type, say. (In data and
 * metadata it is always escaped, \u0000, which json keeps.)
 */
const UNSTORABLE_TEXT = '22021';

/** The constraint an append breaks when one of its ids is stored in the stream already. */
const STORED_ID_CONSTRAINT = 'lastri_events_stream_name_id_key';

function callSql(name: string, types: readonly string[]): string {
  return `SELECT * FROM ${name}(${types.map((type, index) => `$${index + 1}::${type}`).join(', ')})`;
}

/** One append: lastri_append_one's call. */
export const APPEND_ONE_SQL = callSql('lastri_append_one', APPEND_ONE_ARGUMENT_TYPES);
/** Several appends: lastri_append's call. */
export const APPEND_MANY_SQL = callSql('lastri_append', APPEND_MANY_ARGUMENT_TYPES);
/** Why an append was not written: lastri_append_outcome's call. */
export const APPEND_OUTCOME_SQL = callSql('lastri_append_outcome', APPEND_OUTCOME_ARGUMENT_TYPES);

interface PendingAppend {
  stream: StreamName;
  events: readonly PreparedEvent[];
  expectedVersion: ExpectedVersion;
  /** lastri_append's form: null for any, -1 for no stream. */
  expected: number | null;
  staleHeads: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export type Chained = Omit<StoredEvent, 'globalPosition'>;

/** An event as it will be stored, with the canonical JSON of its data and metadata (the gate's). */
export interface SerialisedEvent {
  event: Chained;
  dataJson: string;
  metadataJson: string;
}

/** One append as lastri_append takes it. */
export interface AppendArgument {
  stream: StreamName;
  /** null for any, -1 for no stream, else the version of the stream's last event. */
  expected: number | null;
  /** The head the events were chained onto. */
  head: StreamHead;
  events: SerialisedEvent[];
}

interface PreparedAppend {
  pending: PendingAppend;
  argument: AppendArgument;
}

interface AppendRow {
  ordinal: number;
  outcome: 'appended' | 'already-appended' | 'partial-duplicate' | 'wrong-version' | 'stale-head';
  stream_version: string;
  head_hash: string;
  transaction_id: string | null;
  positions: string[] | null;
  duplicate_ids: string[] | null;
}

export class PostgresAppender {
  private readonly heads: StreamHeadCache;
  private queue: PendingAppend[] = [];
  private readonly streamsInFlight = new Set<StreamName>();
  private callsInFlight = 0;
  private idle: (() => void)[] = [];
  /** The last recordedAt this appender gave out. */
  private lastRecordedAt: string | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly options: AppenderOptions,
    /** Called after a call that stored events has committed. */
    private readonly onAppended: () => void,
  ) {
    this.heads = new StreamHeadCache(options.headCacheSize);
  }

  /** `events` as the gate (validateNewEvents, prepareNewEvents) returned them; `expectedVersion` validated. */
  append(
    stream: StreamName,
    events: readonly PreparedEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    const expected = expectedVersionArgument(expectedVersion);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({
        stream,
        events,
        expectedVersion,
        expected,
        staleHeads: 0,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** A head seen by a read, so that the next append to the stream needs no second try. */
  rememberHead(stream: StreamName, head: StreamHead): void {
    this.heads.remember(stream, head);
  }

  /** Resolves once no append is queued or in flight. */
  drained(): Promise<void> {
    if (this.callsInFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.callsInFlight < this.options.maxCallsInFlight) {
      const batch = this.takeBatch();
      if (batch.length === 0) break;
      this.callsInFlight++;
      for (const pending of batch) this.streamsInFlight.add(pending.stream);
      void this.call(batch).finally(() => {
        this.callsInFlight--;
        for (const pending of batch) this.streamsInFlight.delete(pending.stream);
        this.pump();
        if (this.callsInFlight === 0 && this.queue.length === 0) {
          for (const resolve of this.idle.splice(0)) resolve();
        }
      });
    }
  }

  /**
   * The queued appends of distinct streams not already in flight, oldest first. A second append
   * to the same stream waits for the first: it has to chain onto the head the first leaves.
   */
  private takeBatch(): PendingAppend[] {
    const batch: PendingAppend[] = [];
    const streams = new Set<StreamName>();
    const rest: PendingAppend[] = [];
    for (const pending of this.queue) {
      const free = !streams.has(pending.stream) && !this.streamsInFlight.has(pending.stream);
      if (free && batch.length < this.options.maxAppendsPerCall) {
        batch.push(pending);
        streams.add(pending.stream);
      } else {
        rest.push(pending);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async call(batch: PendingAppend[]): Promise<void> {
    try {
      await this.send(batch);
    } catch (error) {
      // Not an outcome lastri_append reported: whatever it is, no caller may wait forever.
      // (Rejecting an append that was settled already does nothing.)
      for (const pending of batch) pending.reject(error);
    }
  }

  private async send(batch: PendingAppend[]): Promise<void> {
    // Monotonic within this process; across processes, only as good as their clocks agree.
    const recordedAt = nextRecordedAt(new Date(), this.lastRecordedAt);
    this.lastRecordedAt = recordedAt;
    const prepared = batch.map((pending) => this.prepare(pending, recordedAt));
    let rows: AppendRow[];
    try {
      rows = (
        await this.pool.query<AppendRow>(
          appendQuery(
            prepared.map((append) => append.argument),
            recordedAt,
          ),
        )
      ).rows;
    } catch (error) {
      if (batch.length > 1) {
        // One bad append (or a dropped connection) must not fail the others: each goes again
        // alone. Retrying an append that did commit is harmless: it comes back as already appended.
        await Promise.all(batch.map((pending) => this.call([pending])));
        return;
      }
      if (!isStoredIdConflict(error)) throw translateError(batch[0].stream, error);
      // An id of the append is in the stream already (the call was undone): which ones decides
      // between already appended, a partial duplicate, and going again.
      rows = [await this.outcomeOf(batch[0], prepared[0].argument)];
    }
    if (rows.length !== batch.length) {
      throw new Error(`lastri_append answered ${rows.length} rows for ${batch.length} appends.`);
    }
    let stored = false;
    for (const row of rows) {
      stored = this.settle(prepared[row.ordinal - 1], row) || stored;
    }
    if (stored) this.onAppended();
  }

  private async outcomeOf(pending: PendingAppend, argument: AppendArgument): Promise<AppendRow> {
    const { rows } = await this.pool.query<AppendRow>({
      name: 'lastri_append_outcome',
      text: APPEND_OUTCOME_SQL,
      values: [
        1,
        pending.stream,
        pending.expected,
        uuidArray(argument.events.map(({ event }) => event.id)),
        GENESIS_HASH,
      ],
    });
    return rows[0];
  }

  private prepare(pending: PendingAppend, recordedAt: string): PreparedAppend {
    const head = this.assumedHead(pending);
    return {
      pending,
      argument: {
        stream: pending.stream,
        expected: pending.expected,
        head,
        events: chainOnto(pending.stream, pending.events, head, recordedAt),
      },
    };
  }

  /** Applies one row of lastri_append's answer; true when it stored events. */
  private settle({ pending, argument }: PreparedAppend, row: AppendRow): boolean {
    const { stream } = pending;
    const actual: StreamHead = { version: Number(row.stream_version), hash: row.head_hash };
    this.heads.remember(stream, actual);
    switch (row.outcome) {
      case 'appended': {
        const positions = row.positions ?? [];
        const transactionId = row.transaction_id ?? '0';
        pending.resolve({
          streamVersion: actual.version,
          appended: argument.events.map(({ event }, index) => ({
            ...event,
            globalPosition: encodePosition(transactionId, String(positions[index])),
          })),
          alreadyAppended: false,
        });
        return true;
      }
      case 'already-appended':
        pending.resolve({ streamVersion: actual.version, appended: [], alreadyAppended: true });
        return false;
      case 'partial-duplicate':
        pending.reject(new PartialDuplicateBatchError(stream, row.duplicate_ids ?? []));
        return false;
      case 'wrong-version':
        pending.reject(
          new WrongExpectedVersionError(
            stream,
            pending.expectedVersion,
            actual.version < 0 ? 'no-stream' : actual.version,
          ),
        );
        return false;
      case 'stale-head':
        // The head moved (or was not known): chain onto the actual one and go again, first in line.
        if (++pending.staleHeads > MAX_STALE_HEAD_RETRIES) {
          pending.reject(
            new Error(
              `Stream ${stream}: gave up appending after ${pending.staleHeads} concurrent changes.`,
            ),
          );
        } else {
          this.queue.unshift(pending);
        }
        return false;
    }
  }

  private assumedHead({ stream, expected }: PendingAppend): StreamHead {
    if (expected === -1) return { version: -1, hash: GENESIS_HASH };
    const known = this.heads.get(stream);
    if (expected === null) return known ?? { version: -1, hash: GENESIS_HASH };
    return known?.version === expected ? known : { version: expected, hash: null };
  }
}

/** The port's ExpectedVersion (validated) as lastri_append takes it: null for any, -1 for no stream. */
function expectedVersionArgument(expected: ExpectedVersion): number | null {
  if (expected === 'any') return null;
  if (expected === 'no-stream') return -1;
  return expected;
}

/**
 * The call for appends of distinct streams, all chained with the same recordedAt: one goes to
 * lastri_append_one, several to lastri_append. Both are prepared statements (parsed and planned
 * once per pooled connection); the arrays go in PostgreSQL's binary format (binary-arrays.ts).
 */
export function appendQuery(
  appends: AppendArgument[],
  recordedAt: string,
): { name: string; text: string; values: unknown[] } {
  const ids: string[] = [];
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  const hashes: string[] = [];
  for (const append of appends) {
    for (const { event, dataJson, metadataJson } of append.events) {
      ids.push(event.id);
      types.push(event.type);
      schemaVersions.push(event.schemaVersion);
      data.push(dataJson);
      metadata.push(metadataJson);
      hashes.push(event.hash);
    }
  }
  const events = [
    uuidArray(ids),
    textArray(types),
    int4Array(schemaVersions),
    jsonArray(data),
    jsonArray(metadata),
    textArray(hashes),
    GENESIS_HASH,
  ];
  if (appends.length === 1) {
    const [{ stream, expected, head }] = appends;
    return {
      name: 'lastri_append_one',
      text: APPEND_ONE_SQL,
      values: [stream, expected, head.version, head.hash, recordedAt, ...events],
    };
  }
  return {
    name: 'lastri_append',
    text: APPEND_MANY_SQL,
    values: [
      textArray(appends.map((append) => append.stream)),
      int8Array(appends.map((append) => append.expected)),
      int8Array(appends.map((append) => append.head.version)),
      textArray(appends.map((append) => append.head.hash)),
      int4Array(appends.map((append) => append.events.length)),
      recordedAt,
      ...events,
    ],
  };
}

/**
 * The events as they will be stored on top of `head`: versions, recordedAt and the hash chain,
 * hashed from the texts the gate made of data and metadata, which are also what is inserted.
 */
export function chainOnto(
  stream: StreamName,
  events: readonly PreparedEvent[],
  head: StreamHead,
  recordedAt: string,
): SerialisedEvent[] {
  // With an unknown head hash the chain is wrong on purpose: the function refuses it as a
  // stale head and answers with the real one.
  let prevHash = head.hash ?? GENESIS_HASH;
  return events.map((event, index) => {
    const { dataJson, metadataJson } = event;
    const envelope = {
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamName: stream,
      streamVersion: head.version + 1 + index,
      recordedAt,
      prevHash,
    };
    const hash = storedEventHash({ ...envelope, dataJson, metadataJson });
    prevHash = hash;
    return {
      event: { ...envelope, data: event.data, metadata: event.metadata, hash },
      dataJson,
      metadataJson,
    };
  });
}

function translateError(stream: StreamName, error: unknown): unknown {
  if ((error as { code?: string }).code === UNSTORABLE_TEXT) {
    return new InvalidEventError(
      `Stream ${stream}: ${(error as Error).message} (PostgreSQL cannot store it as text).`,
    );
  }
  return error;
}

function isStoredIdConflict(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === STORED_ID_CONSTRAINT;
}

/** Last known head per stream, least recently used forgotten first. Only ever a guess. */
class StreamHeadCache {
  private readonly heads = new Map<StreamName, StreamHead>();

  constructor(private readonly capacity: number) {}

  get(stream: StreamName): StreamHead | undefined {
    const head = this.heads.get(stream);
    if (head) {
      this.heads.delete(stream);
      this.heads.set(stream, head);
    }
    return head;
  }

  remember(stream: StreamName, head: StreamHead): void {
    if (this.capacity <= 0) return;
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > this.capacity)
      this.heads.delete(this.heads.keys().next().value as StreamName);
  }
}
