/**
 * The PostgreSQL event store (docs/architecture.md, Event store): the production alternative to
 * KurrentDB. Schema and append function: postgres-schema.ts; position format: postgres-position.ts.
 *
 * Reads in global order are gap-safe: they only return events of transactions older than the
 * oldest transaction still running, so an event committed late never lands behind a position a
 * reader has already passed. The price is that a transaction left open anywhere on the server
 * holds global reads (not stream reads) back until it ends: keep transactions short.
 */
import { Client, Pool, type PoolConfig } from 'pg';

import { verifyChain } from '../../chain/hash-chain';
import type {
  AppendResult,
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
  SubscriptionFilter,
  SubscriptionHandler,
  BatchSubscriptionHandler,
} from '../../port/event-store';
import { START } from '../../port/event-store';
import { residentStreams } from '../../port/streams';
import {
  validateCount,
  validateExpectedVersion,
  validateNewEvents,
} from '../../port/validate-new-events';
import {
  type CatchUpOptions,
  AppendSignal,
  RunningSubscriptions,
  startBatchCatchUpSubscription,
  startCatchUpSubscription,
  type CatchUpSource,
  type CheckpointStore,
} from '../../subscription/catch-up-subscription';
import { PostgresAppender } from './postgres-appender';
import { CREATE_SCHEMA_SQL, NOTIFY_CHANNEL } from './postgres-schema';
import { decodePosition, encodePosition, type PostgresPosition } from './postgres-position';

export interface PostgresEventStoreOptions {
  /** Pooled connections for appends and reads; subscriptions share one more for LISTEN. */
  maxConnections?: number;
  /** How long a subscription with nothing to do waits before reading anyway. */
  pollIntervalMs?: number;
  /**
   * How long a global read waits for transactions that were in flight when it started and hold
   * back events committed after them; past that it returns what is safe to return so far.
   */
  inFlightWaitMs?: number;
  /** Streams whose head (version and hash) is remembered, so that most appends take one call. */
  headCacheSize?: number;
  /** Append calls in flight at once; appends arriving meanwhile are sent together in one call. */
  maxAppendCallsInFlight?: number;
  /** Appends one call carries at most. */
  maxAppendsPerCall?: number;
}

const DEFAULTS: Required<PostgresEventStoreOptions> = {
  maxConnections: 10,
  pollIntervalMs: 250,
  inFlightWaitMs: 500,
  headCacheSize: 10_000,
  maxAppendCallsInFlight: 2,
  maxAppendsPerCall: 100,
};

const LISTENER_RECONNECT_MS = 1_000;
const ANNOUNCE_INTERVAL_MS = 10;

const EVENT_COLUMNS = `
  e.global_position::text AS global_position, e.transaction_id::text AS transaction_id,
  e.stream_name, e.stream_version::text AS stream_version, e.id::text AS id, e.type,
  e.schema_version, e.data, e.metadata, e.prev_hash, e.hash,
  to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

/**
 * One page in global order, with the bounds the statement's snapshot set:
 * - horizon: only events of transactions below it are read. It is the oldest transaction still
 *   running (pg_snapshot_xmin), except that a transaction shown running in another database
 *   (pg_stat_activity) is passed over: it can never write here, and a long transaction next
 *   door should not hold this store's readers back. That refinement is only computed when
 *   committed events wait behind the plain horizon.
 * - next: the snapshot's next transaction id; every transaction below it has begun.
 * - held_back: committed events wait behind the horizon (the newest stored id is not below it).
 */
const READ_GLOBAL_SQL = `
WITH snapshot AS MATERIALIZED (
  SELECT pg_current_snapshot() AS taken, (SELECT max(transaction_id) FROM lastri_events) AS newest
), bounds AS MATERIALIZED (
  SELECT s.newest, pg_snapshot_xmax(s.taken) AS next,
         CASE WHEN s.newest IS NULL OR s.newest < pg_snapshot_xmin(s.taken) THEN pg_snapshot_xmin(s.taken)
         ELSE (SELECT coalesce(min(running.xid), pg_snapshot_xmax(s.taken))
                 FROM pg_snapshot_xip(s.taken) AS running (xid)
                WHERE NOT EXISTS (
                  SELECT 1 FROM pg_stat_activity a
                   WHERE a.datid <> (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
                     AND a.backend_xid::text::bigint = (running.xid::text::numeric % 4294967296)::bigint))
         END AS horizon
    FROM snapshot s
), page AS (
  SELECT ${EVENT_COLUMNS}, e.transaction_id AS sort_transaction, e.global_position AS sort_position
    FROM lastri_events e
   WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
     AND e.transaction_id < (SELECT horizon FROM bounds)
     AND ($4::text[] IS NULL OR e.stream_name ^@ ANY ($4::text[]))
     AND ($5::text[] IS NULL OR e.type = ANY ($5::text[]))
   ORDER BY e.transaction_id, e.global_position
   LIMIT $3
)
SELECT b.horizon::text AS snapshot_horizon, b.next::text AS snapshot_next,
       coalesce(b.newest >= b.horizon, false) AS held_back, page.*
  FROM bounds b LEFT JOIN page ON true
 ORDER BY page.sort_transaction, page.sort_position`;

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_name: string;
  stream_version: string;
  id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  /** As toISOString writes it (the form the chain hashed), made by the server: parsing a Date per row costs the client more than the rest of the row. */
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

interface GlobalPageRow extends Partial<EventRow> {
  snapshot_horizon: string;
  snapshot_next: string;
  held_back: boolean;
}

export class PostgresEventStore implements EventStore {
  private readonly signal = new AppendSignal();
  private readonly appender: PostgresAppender;
  private readonly announcer: CommitAnnouncer;
  private readonly subscriptions = new RunningSubscriptions();
  private listener: NotificationListener | undefined;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly connectionString: string,
    private readonly options: Required<PostgresEventStoreOptions>,
  ) {
    this.announcer = new CommitAnnouncer(pool);
    this.appender = new PostgresAppender(
      pool,
      {
        maxCallsInFlight: options.maxAppendCallsInFlight,
        maxAppendsPerCall: options.maxAppendsPerCall,
        headCacheSize: options.headCacheSize,
      },
      () => {
        this.signal.notify();
        this.announcer.announce();
      },
    );
  }

  /** Connects and creates the store's tables and function if they are not there yet. */
  static async connect(
    url: string,
    options: PostgresEventStoreOptions = {},
  ): Promise<PostgresEventStore> {
    const settings = { ...DEFAULTS, ...options };
    const config: PoolConfig = { connectionString: url, max: settings.maxConnections };
    const pool = new Pool(config);
    // An idle pooled connection that the server drops is replaced on next use; without a
    // listener the pool's 'error' event would take the process down.
    pool.on('error', () => undefined);
    try {
      await pool.query(CREATE_SCHEMA_SQL);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, url, settings);
  }

  async append(
    stream: StreamName,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    this.assertOpen();
    const stored = validateNewEvents(stream, events);
    validateExpectedVersion(expectedVersion);
    return this.appender.append(stream, stored, expectedVersion);
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    validateCount('from', options.from, 0);
    validateCount('limit', options.limit, 1);
    const backwards = options.direction === 'backwards';
    const limit = options.limit ?? null;
    const rows = backwards
      ? await this.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM lastri_events e
            WHERE e.stream_name = $1 AND ($2::bigint IS NULL OR e.stream_version <= $2)
            ORDER BY e.stream_version DESC LIMIT $3`,
          [stream, options.from ?? null, limit],
        )
      : await this.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM lastri_events e
            WHERE e.stream_name = $1 AND e.stream_version >= $2
            ORDER BY e.stream_version LIMIT $3`,
          [stream, options.from ?? 0, limit],
        );
    const events = rows.rows.map(toStoredEvent);
    // A read that reached the end of the stream tells the head the next append will chain onto.
    const readToEnd = backwards
      ? options.from === undefined
      : limit === null || events.length < limit;
    const head = backwards ? events[0] : events[events.length - 1];
    if (readToEnd && head)
      this.appender.rememberHead(stream, { version: head.streamVersion, hash: head.hash });
    return events;
  }

  async readAll(from: GlobalPosition = START, limit?: number): Promise<StoredEvent[]> {
    this.assertOpen();
    validateCount('limit', limit, 1);
    return this.readGlobal(decodePosition(from), limit ?? null);
  }

  subscribe(
    subscriberName: string,
    handler: SubscriptionHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    this.assertOpen();
    this.startListening();
    return this.subscriptions.track(
      startCatchUpSubscription(
        this.catchUpSource,
        subscriberName,
        handler,
        this.catchUpOptions(options),
      ),
    );
  }

  subscribeInBatches(
    subscriberName: string,
    handler: BatchSubscriptionHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    this.assertOpen();
    this.startListening();
    return this.subscriptions.track(
      startBatchCatchUpSubscription(
        this.catchUpSource,
        subscriberName,
        handler,
        this.catchUpOptions(options),
      ),
    );
  }

  private catchUpOptions(options: SubscribeOptions): CatchUpOptions {
    return { ...options, pollIntervalMs: this.options.pollIntervalMs };
  }

  async readResidentHistory(
    residentId: string,
    options: ResidentHistoryOptions = {},
  ): Promise<StoredEvent[]> {
    this.assertOpen();
    const rows = await this.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM lastri_events e
        WHERE e.stream_name = ANY ($1::text[])
          AND ($2::timestamptz IS NULL OR e.recorded_at <= $2)
        ORDER BY e.transaction_id, e.global_position`,
      [residentStreams(residentId), options.until ?? null],
    );
    return rows.rows.map(toStoredEvent);
  }

  async verifyStream(stream: StreamName): Promise<ChainVerification> {
    this.assertOpen();
    // One statement, so the recorded head and the events come from the same snapshot.
    const rows = await this.query<
      Partial<EventRow> & { head_version: string | null; head_hash: string | null }
    >(
      `SELECT s.version::text AS head_version, s.head_hash, ${EVENT_COLUMNS}
         FROM (SELECT 1) AS one
         LEFT JOIN lastri_streams s ON s.name = $1
         LEFT JOIN lastri_events e ON e.stream_name = $1
        ORDER BY e.stream_version`,
      [stream],
    );
    const first = rows.rows[0];
    const recordedHead =
      first?.head_version != null && first.head_hash != null
        ? { version: Number(first.head_version), hash: first.head_hash }
        : undefined;
    const events = rows.rows
      .filter((row) => row.id != null)
      .map((row) => toStoredEvent(row as EventRow));
    return verifyChain(stream, events, recordedHead);
  }

  async verifyResident(residentId: string): Promise<ChainVerification[]> {
    return Promise.all(residentStreams(residentId).map((stream) => this.verifyStream(stream)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    await this.appender.drained();
    await this.announcer.flush();
    await this.listener?.close();
    await this.pool.end();
  }

  private readonly checkpoints: CheckpointStore = {
    load: async (subscriberName) => {
      const rows = await this.query<{ transaction_id: string; global_position: string }>(
        `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position
           FROM lastri_checkpoints WHERE subscriber_name = $1`,
        [subscriberName],
      );
      const row = rows.rows[0];
      return row ? encodePosition(row.transaction_id, row.global_position) : undefined;
    },
    save: async (subscriberName, position) => {
      const { transactionId, globalPosition } = decodePosition(position);
      // Saved after every handled event, so it must be cheap: no waiting for the disk flush.
      // A crash may lose the last few saves, and then those events are delivered again, which
      // at-least-once delivery allows; a failed handler's event is never past the checkpoint.
      await this.query(
        `INSERT INTO lastri_checkpoints (subscriber_name, transaction_id, global_position)
         SELECT $1, $2::xid8, $3 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS without_flush
         ON CONFLICT (subscriber_name) DO UPDATE
           SET transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()`,
        [subscriberName, transactionId, globalPosition],
      );
    },
  };

  private readonly catchUpSource: CatchUpSource = {
    readAfter: (position, limit, filter) =>
      this.readGlobal(decodePosition(position), limit, filter),
    checkpoints: this.checkpoints,
    waitForAppends: (maxWaitMs, abort) => this.signal.wait(maxWaitMs, abort),
  };

  /**
   * Events after `after` in global order, gap-free. When committed events are held back by
   * transactions that were running when the read began, it reads again until those have ended
   * (or inFlightWaitMs has passed), so that a caller who has just appended sees its events.
   */
  private async readGlobal(
    after: PostgresPosition,
    limit: number | null,
    filter?: SubscriptionFilter,
  ): Promise<StoredEvent[]> {
    const giveUpAt = Date.now() + this.options.inFlightWaitMs;
    let waitFor: bigint | undefined;
    let pauseMs = 2;
    for (;;) {
      const rows = (
        await this.query<GlobalPageRow>(READ_GLOBAL_SQL, [
          after.transactionId,
          after.globalPosition,
          limit,
          filter?.streamPrefixes ?? null,
          filter?.eventTypes ?? null,
        ])
      ).rows;
      const events = rows
        .filter((row) => row.id != null)
        .map((row) => toStoredEvent(row as EventRow));
      const { snapshot_horizon: horizon, snapshot_next: next, held_back: heldBack } = rows[0];
      // Everything committed before the first read is in once the horizon passes what was its next id.
      waitFor ??= heldBack ? BigInt(next) : undefined;
      const complete = waitFor === undefined || BigInt(horizon) >= waitFor;
      const full = limit !== null && events.length >= limit;
      if (complete || full || Date.now() >= giveUpAt || this.closed) return events;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      pauseMs = Math.min(pauseMs * 2, 10); // a held-back commit is usually milliseconds away
    }
  }

  private startListening(): void {
    this.listener ??= new NotificationListener(this.connectionString, () => this.signal.notify());
  }

  private query<Row extends object>(sql: string, values: unknown[]) {
    return this.pool.query<Row>(sql, values);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('This PostgreSQL event store is closed.');
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    streamVersion: Number(row.stream_version),
    globalPosition: encodePosition(row.transaction_id, row.global_position),
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Tells other processes' subscriptions that events were committed. Not part of the append
 * transaction on purpose: a NOTIFY takes a server-wide lock that it holds until its transaction
 * has committed, which would put every append's commit in one queue. Announcements are
 * coalesced: the first commit after a quiet spell is announced at once, later ones at most
 * every ANNOUNCE_INTERVAL_MS, so a busy writer does not double its statements.
 */
class CommitAnnouncer {
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private again = false;

  constructor(private readonly pool: Pool) {}

  announce(): void {
    if (this.timer) return; // the scheduled announcement covers this commit
    if (this.inFlight) {
      this.again = true; // it may have been sent before this commit
      return;
    }
    const waitMs = this.lastSentAt + ANNOUNCE_INTERVAL_MS - Date.now();
    if (waitMs <= 0) {
      this.send();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.send();
    }, waitMs);
  }

  /** Sends what is scheduled now and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      if (!this.inFlight) this.send();
    }
    while (this.inFlight) await this.inFlight;
  }

  private send(): void {
    this.lastSentAt = Date.now();
    // Without waiting for the disk flush: a notification is no data, and nothing to keep.
    this.inFlight = this.pool
      .query(`SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, NULL)`, [
        NOTIFY_CHANNEL,
      ])
      .then(
        () => undefined,
        () => undefined, // the subscriptions' polling covers a lost announcement
      )
      .then(() => {
        this.inFlight = undefined;
        if (this.again) {
          this.again = false;
          this.announce();
        }
      });
  }
}

/**
 * A dedicated connection LISTENing for appends of other processes. If it drops, it reconnects;
 * meanwhile the subscriptions' polling keeps them going, only less promptly.
 */
class NotificationListener {
  private client: Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly onNotification: () => void,
  ) {
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', () => this.onNotification());
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (this.closed) await client.end();
      // Appends may have happened while not listening: let the subscriptions look.
      else this.onNotification();
    } catch {
      this.dropped(client);
    }
  }

  private dropped(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => void this.connect(), LISTENER_RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}
