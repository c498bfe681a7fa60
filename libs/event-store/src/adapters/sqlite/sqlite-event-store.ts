/**
 * The embedded event store: one SQLite file (better-sqlite3), the standalone default
 * (`EVENT_STORE_URL=sqlite:./data/lastri.db`). Several instances, in this process or others, may
 * open the same file: appends serialise on SQLite's write lock, and subscriptions poll for what
 * other instances appended besides waking on this instance's own appends.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { GENESIS_HASH, eventHash, verifyChain } from '../../chain/hash-chain';
import { PartialDuplicateBatchError, WrongExpectedVersionError } from '../../port/errors';
import type {
  AppendResult,
  BatchSubscriptionHandler,
  ChainVerification,
  EventStore,
  ExpectedVersion,
  GlobalPosition,
  NewEvent,
  ReadStreamOptions,
  ResidentHistoryOptions,
  StoredEvent,
  StreamName,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../../port/event-store';
import { START } from '../../port/event-store';
import { residentStreams } from '../../port/streams';
import { validateExpectedVersion, validateNewEvents } from '../../port/validate-new-events';
import {
  AppendSignal,
  startBatchCatchUpSubscription,
  startCatchUpSubscription,
  type CatchUpOptions,
  type CatchUpSource,
} from '../../subscription/catch-up-subscription';
import { decodePosition, encodePosition } from './sqlite-position';
import { prepareDatabase } from './sqlite-schema';
import { SqliteStatements, type EventRow, type StreamHeadRow } from './sqlite-statements';

export interface SqliteEventStoreOptions {
  /** How often an idle subscription looks for events that other instances appended. */
  pollIntervalMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 250;

export class SqliteEventStore implements EventStore {
  /** Opens (creating it and its directory if need be) the store at `file`; `:memory:` for a private one. */
  static async open(
    file: string,
    options: SqliteEventStoreOptions = {},
  ): Promise<SqliteEventStore> {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    try {
      prepareDatabase(db);
      return new SqliteEventStore(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private readonly statements: SqliteStatements;
  private readonly appendInTransaction: Database.Transaction<
    (stream: StreamName, events: NewEvent[], expected: ExpectedVersion) => AppendResult
  >;
  private readonly appendSignal = new AppendSignal();
  private readonly subscriptions = new Set<Subscription>();
  private readonly pollIntervalMs: number;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions,
  ) {
    this.statements = new SqliteStatements(db);
    this.appendInTransaction = db.transaction((stream, events, expected) =>
      this.appendNow(stream, events, expected),
    );
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  async append(
    stream: StreamName,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    this.assertOpen();
    const toStore = validateNewEvents(stream, events);
    validateExpectedVersion(expectedVersion);
    // IMMEDIATE takes the write lock before the first read, so the version and idempotency checks
    // see the same stream the insert extends; a DEFERRED transaction could read a head that
    // another connection replaces before this one gets to write.
    const result = this.appendInTransaction.immediate(stream, toStore, expectedVersion);
    if (result.appended.length > 0) this.appendSignal.notify();
    return result;
  }

  /** Runs inside the write transaction: every read here sees the stream the insert extends. */
  private appendNow(
    stream: StreamName,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): AppendResult {
    const head = this.statements.streamHead.get(stream) as StreamHeadRow | undefined;
    const alreadyStored = this.alreadyStoredIds(stream, events);
    if (alreadyStored.length === events.length) {
      // A clean retry of a batch that made it: whatever the caller expected then, it is done.
      return {
        streamVersion: head?.version ?? events.length - 1,
        appended: [],
        alreadyAppended: true,
      };
    }
    if (alreadyStored.length > 0) throw new PartialDuplicateBatchError(stream, alreadyStored);

    const actual = head ? head.version : 'no-stream';
    if (
      (expected === 'no-stream' && head) ||
      (typeof expected === 'number' && actual !== expected)
    ) {
      throw new WrongExpectedVersionError(stream, expected, actual);
    }

    const recordedAt = this.nextRecordedAt();
    let prevHash = head?.head_hash ?? GENESIS_HASH;
    let streamVersion = head?.version ?? -1;
    const appended = events.map((event): StoredEvent => {
      streamVersion += 1;
      const hashed = { ...event, streamName: stream, streamVersion, recordedAt, prevHash };
      const hash = eventHash(hashed);
      const { lastInsertRowid } = this.statements.insertEvent.run({
        stream_name: stream,
        stream_version: streamVersion,
        id: event.id,
        type: event.type,
        schema_version: event.schemaVersion,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        recorded_at: recordedAt,
        prev_hash: prevHash,
        hash,
      });
      prevHash = hash;
      return { ...hashed, hash, globalPosition: encodePosition(lastInsertRowid) };
    });
    this.statements.upsertStreamHead.run({
      name: stream,
      version: streamVersion,
      head_hash: prevHash,
    });
    return { streamVersion, appended, alreadyAppended: false };
  }

  /** The ids of this batch already in the stream, in batch order. */
  private alreadyStoredIds(stream: StreamName, events: NewEvent[]): string[] {
    const batchIds = JSON.stringify(events.map((event) => event.id));
    const rows = this.statements.storedIds.all(stream, batchIds) as { id: string }[];
    const stored = new Set(rows.map((row) => row.id));
    return events.map((event) => event.id).filter((id) => stored.has(id));
  }

  /**
   * Now, but never before the last recorded event: history "as of" a time cuts the global order
   * by recordedAt, which must therefore never go backwards, even when the wall clock does.
   */
  private nextRecordedAt(): string {
    const now = new Date().toISOString();
    const last = (this.statements.lastRecordedAt.get() as { recorded_at: string } | undefined)
      ?.recorded_at;
    return last !== undefined && last > now ? last : now;
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const { direction = 'forwards', from, limit } = options;
    assertCount('from', from, 0);
    assertCount('limit', limit, 1);
    const rows =
      direction === 'backwards'
        ? this.statements.readStreamBackwards.all(
            stream,
            from ?? Number.MAX_SAFE_INTEGER,
            limit ?? -1,
          )
        : this.statements.readStreamForwards.all(stream, from ?? 0, limit ?? -1);
    return (rows as EventRow[]).map(toStoredEvent);
  }

  async readAll(from: GlobalPosition = START, limit?: number): Promise<StoredEvent[]> {
    this.assertOpen();
    assertCount('limit', limit, 1);
    return (this.statements.readAll.all(decodePosition(from), limit ?? -1) as EventRow[]).map(
      toStoredEvent,
    );
  }

  subscribe(
    subscriberName: string,
    handler: SubscriptionHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    return this.track(
      startCatchUpSubscription(
        this.catchUpSource,
        subscriberName,
        handler,
        this.catchUpOptions(subscriberName, options),
      ),
    );
  }

  subscribeInBatches(
    subscriberName: string,
    handler: BatchSubscriptionHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    return this.track(
      startBatchCatchUpSubscription(
        this.catchUpSource,
        subscriberName,
        handler,
        this.catchUpOptions(subscriberName, options),
      ),
    );
  }

  private catchUpOptions(subscriberName: string, options: SubscribeOptions): CatchUpOptions {
    this.assertOpen();
    if (!subscriberName) {
      throw new RangeError(
        'A subscription needs a subscriber name: its checkpoint is kept under it.',
      );
    }
    return {
      filter: options.filter,
      batchSize: options.batchSize,
      pollIntervalMs: this.pollIntervalMs,
    };
  }

  /** Remembered until it stops, so that close() can stop it before the connection goes. */
  private track(subscription: Subscription): Subscription {
    this.subscriptions.add(subscription);
    subscription.stopped.then(
      () => this.subscriptions.delete(subscription),
      () => this.subscriptions.delete(subscription),
    );
    return subscription;
  }

  private readonly catchUpSource: CatchUpSource = {
    readAfter: async (position, limit, filter) =>
      (this.statements.readAfter(decodePosition(position), limit, filter) as EventRow[]).map(
        toStoredEvent,
      ),
    checkpoints: {
      load: async (subscriberName) => {
        const row = this.statements.loadCheckpoint.get(subscriberName) as
          { position: number } | undefined;
        return row && encodePosition(row.position);
      },
      save: async (subscriberName, position) => {
        this.statements.saveCheckpoint.run(subscriberName, decodePosition(position));
      },
    },
    waitForAppends: (maxWaitMs, abort) => this.appendSignal.wait(maxWaitMs, abort),
  };

  async readResidentHistory(
    residentId: string,
    options: ResidentHistoryOptions = {},
  ): Promise<StoredEvent[]> {
    this.assertOpen();
    const until = options.until?.toISOString() ?? null;
    const rows = this.statements.residentHistory.all(
      residentId,
      ...residentStreams(residentId),
      until,
      until,
    );
    return (rows as EventRow[]).map(toStoredEvent);
  }

  async verifyStream(stream: StreamName): Promise<ChainVerification> {
    this.assertOpen();
    // One read transaction, so an append landing between the two reads cannot look like tampering.
    return this.db.transaction(() => {
      const events = (this.statements.readStreamForwards.all(stream, 0, -1) as EventRow[]).map(
        toStoredEvent,
      );
      const head = this.statements.streamHead.get(stream) as StreamHeadRow | undefined;
      return verifyChain(stream, events, head && { version: head.version, hash: head.head_hash });
    })();
  }

  async verifyResident(residentId: string): Promise<ChainVerification[]> {
    this.assertOpen();
    const existing = residentStreams(residentId).filter(
      (stream) =>
        this.statements.streamHead.get(stream) !== undefined ||
        this.statements.anyEventOf.get(stream) !== undefined,
    );
    return Promise.all(existing.map((stream) => this.verifyStream(stream)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`The SQLite event store ${this.db.name} is closed.`);
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamName: row.stream_name,
    streamVersion: row.stream_version,
    globalPosition: encodePosition(row.position),
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function assertCount(name: string, value: number | undefined, minimum: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < minimum)) {
    throw new RangeError(
      `${name} must be an integer of at least ${minimum}; got ${JSON.stringify(value)}.`,
    );
  }
}
