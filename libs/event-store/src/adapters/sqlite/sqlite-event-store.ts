/**
 * The embedded event store: one SQLite file (better-sqlite3), the standalone default
 * (`EVENT_STORE_URL=sqlite:./data/lastri.db`). Several instances, in this process or others, may
 * open the same file: appends serialise on SQLite's write lock, and subscriptions poll for what
 * other instances appended besides waking on this instance's own appends.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { GENESIS_HASH, verifyChain } from '../../chain/hash-chain';
import { storedEventHash } from '../../chain/stored-form';
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
import { nextRecordedAt } from '../../port/recorded-at';
import { residentStreams } from '../../port/streams';
import {
  prepareNewEvents,
  validateCount,
  validateExpectedVersion,
  type PreparedEvent,
} from '../../port/validate-new-events';
import {
  AppendSignal,
  RunningSubscriptions,
  startBatchCatchUpSubscription,
  startCatchUpSubscription,
  type CatchUpOptions,
  type CatchUpSource,
} from '../../subscription/catch-up-subscription';
import { CommittedState, type StreamHead } from './sqlite-committed-state';
import { decodePosition, encodePosition } from './sqlite-position';
import { prepareDatabase } from './sqlite-schema';
import {
  INSERTED_COLUMNS,
  MAX_ROWS_PER_INSERT,
  SqliteStatements,
  type AppendStateRow,
  type EventRow,
  type StreamHeadRow,
} from './sqlite-statements';

export interface SqliteEventStoreOptions {
  /** How often an idle subscription looks for events that other instances appended. */
  pollIntervalMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 250;

/** What an append did: its result and, when it stored events, the head and recordedAt it committed. */
type Appending =
  | { result: AppendResult; head: StreamHead; recordedAt: string }
  | { result: AppendResult; head?: undefined };

/** Thrown inside the write transaction to roll it back and append again, checking first. */
class CheckFirst extends Error {}

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
    (
      stream: StreamName,
      events: PreparedEvent[],
      expected: ExpectedVersion,
      trustCache: boolean,
    ) => Appending
  >;
  private readonly committedState = new CommittedState();
  private readonly appendSignal = new AppendSignal();
  private readonly subscriptions = new RunningSubscriptions();
  private readonly pollIntervalMs: number;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions,
  ) {
    this.statements = new SqliteStatements(db);
    this.appendInTransaction = db.transaction((stream, events, expected, trustCache) =>
      this.appendNow(stream, events, expected, trustCache),
    );
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  async append(
    stream: StreamName,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    this.assertOpen();
    const toStore = prepareNewEvents(stream, events);
    validateExpectedVersion(expectedVersion);
    // IMMEDIATE takes the write lock before the first read, so the version and idempotency checks
    // see the stream the insert extends, and no other connection can commit before this one does:
    // a DEFERRED transaction could read a head that another connection replaces before it writes.
    let appending: Appending;
    try {
      appending = this.appendInTransaction.immediate(stream, toStore, expectedVersion, true);
    } catch (error) {
      if (!(error instanceof CheckFirst)) throw error;
      // Rolled back, nothing written: again, checking everything against the database first.
      this.committedState.forget();
      appending = this.appendInTransaction.immediate(stream, toStore, expectedVersion, false);
    }
    if (appending.head) {
      this.committedState.committed(stream, appending.head, appending.recordedAt);
      this.appendSignal.notify();
    }
    return appending.result;
  }

  /**
   * Runs inside the write transaction: every read here sees the stream the insert extends.
   *
   * With `trustCache`, an append whose expected version the head satisfies goes straight to the
   * INSERT, which the events table's UNIQUE (stream_name, id) refuses for an event already in the
   * stream; that, or any other constraint failing, throws CheckFirst, and append() rolls back and
   * tries again without it: the stream's ids checked before its version, as the port promises.
   */
  private appendNow(
    stream: StreamName,
    events: PreparedEvent[],
    expected: ExpectedVersion,
    trustCache: boolean,
  ): Appending {
    const known = this.committedState;
    known.validate(this.statements.dataVersion.get() as number);
    let head = trustCache ? known.head(stream) : undefined;
    let lastRecordedAt = known.lastRecordedAt;
    if (head === undefined || lastRecordedAt === undefined) {
      const [version, headHash, last] = this.statements.appendState.get(stream) as AppendStateRow;
      head = version === null ? null : { version, hash: headHash as string };
      lastRecordedAt = last;
      known.found(stream, head, lastRecordedAt);
    }

    const actual = head ? head.version : 'no-stream';
    const versionMatches =
      expected === 'any' || (expected === 'no-stream' ? head === null : actual === expected);
    if (!trustCache || !versionMatches) {
      const alreadyStored = this.alreadyStoredIds(stream, events);
      if (alreadyStored.length === events.length) {
        // A clean retry of a batch that made it: whatever the caller expected then, it is done.
        return {
          result: {
            streamVersion: head?.version ?? events.length - 1,
            appended: [],
            alreadyAppended: true,
          },
        };
      }
      if (alreadyStored.length > 0) throw new PartialDuplicateBatchError(stream, alreadyStored);
      if (!versionMatches) throw new WrongExpectedVersionError(stream, expected, actual);
    }

    // Never before the last recorded event: history "as of" a time cuts the global order by
    // recordedAt, which must therefore never go backwards, even when the wall clock does.
    const recordedAt = nextRecordedAt(new Date(), lastRecordedAt);
    const firstVersion = head ? head.version + 1 : 0;
    const hashes = new Array<string>(events.length);
    const row = new Array<unknown>(events.length * INSERTED_COLUMNS);
    let prevHash = head ? head.hash : GENESIS_HASH;
    for (let index = 0; index < events.length; index++) {
      const event = events[index];
      const streamVersion = firstVersion + index;
      const hash = storedEventHash({
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        dataJson: event.dataJson,
        metadataJson: event.metadataJson,
        streamName: stream,
        streamVersion,
        recordedAt,
        prevHash,
      });
      let column = index * INSERTED_COLUMNS;
      row[column++] = stream;
      row[column++] = streamVersion;
      row[column++] = event.id;
      row[column++] = event.type;
      row[column++] = event.schemaVersion;
      row[column++] = event.dataJson;
      row[column++] = event.metadataJson;
      row[column++] = recordedAt;
      row[column++] = prevHash;
      row[column] = hash;
      hashes[index] = hash;
      prevHash = hash;
    }
    const positions = this.insertEvents(row, events.length, firstVersion, trustCache);
    const streamVersion = firstVersion + events.length - 1;
    this.statements.upsertStreamHead.run(stream, streamVersion, prevHash);

    const appended = new Array<StoredEvent>(events.length);
    for (let index = 0; index < events.length; index++) {
      const event = events[index];
      appended[index] = {
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
        streamName: stream,
        streamVersion: firstVersion + index,
        globalPosition: encodePosition(positions[index]),
        recordedAt,
        prevHash: index === 0 ? (head ? head.hash : GENESIS_HASH) : hashes[index - 1],
        hash: hashes[index],
      };
    }
    return {
      result: { streamVersion, appended, alreadyAppended: false },
      head: { version: streamVersion, hash: prevHash },
      recordedAt,
    };
  }

  /** Inserts the rows, MAX_ROWS_PER_INSERT at a time; answers each event's position, in batch order. */
  private insertEvents(
    row: unknown[],
    events: number,
    firstVersion: number,
    trustCache: boolean,
  ): number[] {
    const positions = new Array<number>(events);
    for (let start = 0; start < events; start += MAX_ROWS_PER_INSERT) {
      const rows = Math.min(MAX_ROWS_PER_INSERT, events - start);
      const values =
        rows === events
          ? row
          : row.slice(start * INSERTED_COLUMNS, (start + rows) * INSERTED_COLUMNS);
      let inserted: [streamVersion: number, position: number][];
      try {
        inserted = this.statements.insertEvents(rows).all(values) as [number, number][];
      } catch (error) {
        if (trustCache && isConstraintFailure(error)) throw new CheckFirst();
        throw error;
      }
      for (const [streamVersion, position] of inserted)
        positions[streamVersion - firstVersion] = position;
    }
    return positions;
  }

  /** The ids of this batch already in the stream, in batch order. */
  private alreadyStoredIds(stream: StreamName, events: PreparedEvent[]): string[] {
    const batchIds = JSON.stringify(events.map((event) => event.id));
    const rows = this.statements.storedIds.all(stream, batchIds) as { id: string }[];
    const stored = new Set(rows.map((row) => row.id));
    return events.map((event) => event.id).filter((id) => stored.has(id));
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const { direction = 'forwards', from, limit } = options;
    validateCount('from', from, 0);
    validateCount('limit', limit, 1);
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
    validateCount('limit', limit, 1);
    return (this.statements.readAll.all(decodePosition(from), limit ?? -1) as EventRow[]).map(
      toStoredEvent,
    );
  }

  subscribe(
    subscriberName: string,
    handler: SubscriptionHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    return this.subscriptions.track(
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
    return this.subscriptions.track(
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
    return { ...options, pollIntervalMs: this.pollIntervalMs };
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
    await this.subscriptions.stopAll();
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`The SQLite event store ${this.db.name} is closed.`);
  }
}

function toStoredEvent([
  position,
  streamName,
  streamVersion,
  id,
  type,
  schemaVersion,
  data,
  metadata,
  recordedAt,
  prevHash,
  hash,
]: EventRow): StoredEvent {
  return {
    id,
    type,
    schemaVersion,
    data: JSON.parse(data),
    metadata: JSON.parse(metadata),
    streamName,
    streamVersion,
    globalPosition: encodePosition(position),
    recordedAt,
    prevHash,
    hash,
  };
}

/** A constraint of the events table refused the INSERT (SQLITE_CONSTRAINT_UNIQUE and the like). */
function isConstraintFailure(error: unknown): boolean {
  // Not `instanceof Database.SqliteError`: the native addon keeps the error class of the first
  // module registry that loaded it, so under jest (one registry per test file) the check fails
  // from the second file on. The code is what identifies the failure.
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}
