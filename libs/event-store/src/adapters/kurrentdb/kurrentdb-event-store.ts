/**
 * The KurrentDB event store (docs/architecture.md, Event store): the production default,
 * `EVENT_STORE_URL=kurrentdb://…` (or `esdb://…`), through `@kurrent/kurrentdb-client` 1.x.
 *
 * - One KurrentDB stream per port stream; the port's stream version is KurrentDB's revision.
 *   Event id = the port's id. Data is the event's JSON; the chain fields and LASTRI's metadata
 *   are in the event's metadata (kurrentdb-envelope.ts).
 * - Appends read the stream's head first (cached, kurrentdb-stream-heads.ts), decide idempotency
 *   and the expected version from it, chain onto the head's hash, and append on condition that
 *   the stream is still at that head's revision: a writer that got in between makes the append
 *   fail rather than fork the chain. A refusal is the caller's concurrency error; with 'any'
 *   the append reads the new head and tries again. The appended events are read back, for their
 *   log positions, and to tell an append KurrentDB answered as a duplicate of someone else's
 *   (its own id-based idempotency) from one it stored.
 * - Global order is KurrentDB's `$all` (commit, prepare), without KurrentDB's own events (`$…`)
 *   and this store's checkpoint streams. KurrentDB's log becomes readable strictly in order, so
 *   a position-based catch-up cannot skip an event that commits late, as PostgreSQL's can.
 * - Subscriptions are the catch-up loop the SQL stores use, over readAll and a checkpoint stream
 *   per subscriber (kurrentdb-checkpoints.ts); a filtered `subscribeToAll` from the end of the log
 *   only wakes them when anything is appended, so other processes' appends arrive without
 *   waiting for the poll. The loop, not the push feed, decides what is delivered: one mechanism
 *   for catch-up and live, whose checkpoints advance only after the handler succeeded.
 * - Verification: kurrentdb-verify.ts.
 *
 * Needs a KurrentDB server of 22.6 or later (log positions on stream reads) and a user allowed
 * to read `$all` (an admin or ops user when access control is on).
 */
import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START as KURRENT_START,
  eventTypeFilter,
  jsonEvent,
  streamNameFilter,
  type AllStreamSubscription,
  type Filter,
  type Position,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';

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
  SubscriptionFilter,
  SubscriptionHandler,
} from '../../port/event-store';
import { START } from '../../port/event-store';
import { withoutCredentials } from '../../event-store-url';
import { nextRecordedAt } from '../../port/recorded-at';
import { residentStreams } from '../../port/streams';
import {
  validateCount,
  validateExpectedVersion,
  validateNewEvents,
} from '../../port/validate-new-events';
import {
  AppendSignal,
  RunningSubscriptions,
  startBatchCatchUpSubscription,
  startCatchUpSubscription,
  type CatchUpOptions,
  type CatchUpSource,
} from '../../subscription/catch-up-subscription';
import {
  CHECKPOINT_EVENT_TYPE,
  WriteBehindCheckpoints,
  checkpointStreamName,
  drainingCheckpoints,
  type CheckpointIo,
} from './kurrentdb-checkpoints';
import {
  CHECKPOINT_STREAM_PREFIX,
  ForeignEventError,
  decodeRecordedEvent,
  isStoreInternal,
  toEventData,
  type ChainedEvent,
  type DecodedEvent,
  type RecordedLike,
} from './kurrentdb-envelope';
import {
  isKurrentWrongExpectedVersion,
  isStreamDeleted,
  isStreamNotFound,
  toStreamState,
  toWrongExpectedVersionError,
} from './kurrentdb-errors';
import { comparePositions, decodePosition } from './kurrentdb-position';
import {
  StreamHeads,
  chainOnto,
  settleAgainstHead,
} from './kurrentdb-stream-heads';
import { verifyKurrentStream, type StreamReading } from './kurrentdb-verify';

/** The part of the client this store uses; a test double may stand in for it. */
export type KurrentClient = Pick<
  KurrentDBClient,
  | 'appendToStream'
  | 'readStream'
  | 'readAll'
  | 'getStreamMetadata'
  | 'setStreamMetadata'
  | 'subscribeToAll'
  | 'dispose'
>;

export interface KurrentDbEventStoreOptions {
  /** How long an idle subscription waits before reading again without being woken. */
  pollIntervalMs?: number;
  /** Streams whose head (revision, hash, ids) is remembered between appends. */
  headCacheSize?: number;
  /** How often an 'any' append re-reads the head and tries again when others keep appending. */
  maxAnyAttempts?: number;
  /** Wake subscriptions through a `subscribeToAll` when anything is appended (else: polling). */
  liveWakeUps?: boolean;
}

const DEFAULTS: Required<KurrentDbEventStoreOptions> = {
  pollIntervalMs: 250,
  headCacheSize: 1_000,
  maxAnyAttempts: 50,
  liveWakeUps: true,
};

/** Server-side filter for reads of everything: no `$`-streams, no checkpoint streams. */
export const OWN_STREAMS_REGEX = `^(?!\\$|${CHECKPOINT_STREAM_PREFIX})`;
const WAKE_UP_RECONNECT_MS = 1_000;

export class KurrentDbEventStore implements EventStore {
  /** Connects to the server `url` names and checks it answers and lets this user read `$all`. */
  static async connect(
    url: string,
    options: KurrentDbEventStoreOptions = {},
  ): Promise<KurrentDbEventStore> {
    const client = KurrentDBClient.connectionString(withCurrentScheme(url));
    const store = new KurrentDbEventStore(client, options);
    try {
      await store.probe();
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw new Error(
        `KurrentDB at ${withoutCredentials(url)} cannot be used as the event store: ${connectProblem(error)}`,
        { cause: error },
      );
    }
    return store;
  }

  /** Over a client made elsewhere (a test double); the store disposes of it on close. */
  static fromClient(
    client: KurrentClient,
    options: KurrentDbEventStoreOptions = {},
  ): KurrentDbEventStore {
    return new KurrentDbEventStore(client, options);
  }

  private readonly options: Required<KurrentDbEventStoreOptions>;
  private readonly heads: StreamHeads;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new RunningSubscriptions();
  private readonly checkpoints: WriteBehindCheckpoints;
  private readonly cappedCheckpointStreams = new Set<StreamName>();
  private wakeUps: WakeUpFeed | undefined;
  private lastRecordedAt: string | undefined;
  private closed = false;

  private constructor(
    private readonly client: KurrentClient,
    options: KurrentDbEventStoreOptions,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.heads = new StreamHeads(
      (stream, revision) => this.readOwnStream(stream, { fromRevision: BigInt(revision) }),
      this.options.headCacheSize,
    );
    this.checkpoints = new WriteBehindCheckpoints(this.checkpointIo());
  }

  async append(
    stream: StreamName,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    this.assertOpen();
    // KurrentDB serialises the events itself; the gate's texts serve the hash chain.
    const toStore = validateNewEvents(stream, events);
    validateExpectedVersion(expectedVersion);

    let head = await this.heads.current(stream);
    for (let attempt = 1; ; attempt++) {
      const settled = settleAgainstHead(stream, toStore, expectedVersion, head);
      if (settled) return settled;

      const recordedAt = nextRecordedAt(new Date(), head.recordedAt, this.lastRecordedAt);
      this.lastRecordedAt = recordedAt;
      const chained = chainOnto(stream, toStore, head, recordedAt);
      const write = randomUUID();
      try {
        const written = await this.client.appendToStream(
          stream,
          chained.map((event) => toEventData(event, write)),
          // The head's revision, also for 'any': the chain continues from that head's hash.
          { streamState: toStreamState(head.version < 0 ? 'no-stream' : head.version) },
        );
        return await this.confirm(stream, chained, write, written.nextExpectedRevision);
      } catch (error) {
        if (!isKurrentWrongExpectedVersion(error)) throw error;
        // Someone appended since the head was read. If it was this very batch, this is a retry.
        head = await this.heads.current(stream);
        const settledNow = settleAgainstHead(stream, toStore, 'any', head);
        if (settledNow) return settledNow;
        if (expectedVersion !== 'any')
          throw toWrongExpectedVersionError(stream, expectedVersion, error);
        if (attempt >= this.options.maxAnyAttempts)
          throw toWrongExpectedVersionError(stream, 'any', error);
      }
    }
  }

  /**
   * Reads back what the append wrote, for each event's log position. KurrentDB answers success
   * without writing when the same ids were appended just before by someone else (its own
   * idempotency); then the stored events carry that writer's write id, and this append is a
   * no-op, as if it had found them before writing.
   */
  private async confirm(
    stream: StreamName,
    chained: ChainedEvent[],
    write: string,
    nextExpectedRevision: bigint,
  ): Promise<AppendResult> {
    const lastRevision = Number(nextExpectedRevision);
    const firstRevision = lastRevision - chained.length + 1;
    const stored = (
      await this.readRecords(stream, {
        fromRevision: BigInt(firstRevision),
        maxCount: chained.length,
      })
    ).map((record) => decodeRecordedEvent(record));
    const sameIds =
      stored.length === chained.length &&
      stored.every(({ event }, index) => event.id === chained[index].id);
    if (!sameIds) {
      throw new Error(
        `Stream ${stream}: KurrentDB accepted the append up to revision ${lastRevision}, but revisions ${firstRevision}–${lastRevision} do not hold the appended events.`,
      );
    }
    const events = stored.map(({ event }) => event);
    this.heads.appended(stream, events);
    if (!stored.every((record) => record.write === write)) {
      const head = await this.heads.current(stream);
      return { streamVersion: head.version, appended: [], alreadyAppended: true };
    }
    this.signal.notify();
    return { streamVersion: lastRevision, appended: events, alreadyAppended: false };
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const { direction = 'forwards', from, limit } = options;
    validateCount('from', from, 0);
    validateCount('limit', limit, 1);
    const backwards = direction === 'backwards';
    return this.readOwnStream(stream, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from === undefined ? (backwards ? END : KURRENT_START) : BigInt(from),
      maxCount: limit,
    });
  }

  async readAll(from: GlobalPosition = START, limit?: number): Promise<StoredEvent[]> {
    this.assertOpen();
    validateCount('limit', limit, 1);
    return this.readAfter(decodePosition(from), limit);
  }

  subscribe(
    subscriberName: string,
    handler: SubscriptionHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    const catchUp = this.catchUpOptions(subscriberName, options);
    return this.subscriptions.track(
      drainingCheckpoints(
        startCatchUpSubscription(this.catchUpSource, subscriberName, handler, catchUp),
        () => this.checkpoints.drain(subscriberName),
      ),
    );
  }

  subscribeInBatches(
    subscriberName: string,
    handler: BatchSubscriptionHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    const catchUp = this.catchUpOptions(subscriberName, options);
    return this.subscriptions.track(
      drainingCheckpoints(
        startBatchCatchUpSubscription(this.catchUpSource, subscriberName, handler, catchUp),
        () => this.checkpoints.drain(subscriberName),
      ),
    );
  }

  async readResidentHistory(
    residentId: string,
    options: ResidentHistoryOptions = {},
  ): Promise<StoredEvent[]> {
    this.assertOpen();
    const until = options.until?.getTime();
    if (until !== undefined && Number.isNaN(until))
      throw new RangeError('until is not a valid date.');
    const streams = await Promise.all(
      residentStreams(residentId).map((stream) => this.readOwnStream(stream, {})),
    );
    return streams
      .flat()
      .filter((event) => until === undefined || Date.parse(event.recordedAt) <= until)
      .sort((a, b) =>
        a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0,
      );
  }

  async verifyStream(stream: StreamName): Promise<ChainVerification> {
    this.assertOpen();
    return verifyKurrentStream(stream, await this.readForVerification(stream));
  }

  async verifyResident(residentId: string): Promise<ChainVerification[]> {
    return Promise.all(residentStreams(residentId).map((stream) => this.verifyStream(stream)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    await this.wakeUps?.close();
    await this.client.dispose();
  }

  // --- reading ---------------------------------------------------------------------------

  /** Answers, and lets this user read `$all`, which subscriptions and readAll need. */
  private async probe(): Promise<void> {
    for await (const _ of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
    })) {
      // one event at most; reading it is the check
    }
  }

  /** A stream of this store: every event must be one it wrote. [] when the stream does not exist. */
  private async readOwnStream(
    stream: StreamName,
    options: {
      fromRevision?: ReadRevision;
      direction?: typeof FORWARDS | typeof BACKWARDS;
      maxCount?: number;
    },
  ): Promise<StoredEvent[]> {
    const records = await this.readRecords(stream, options);
    return records.map((record) => decodeRecordedEvent(record).event);
  }

  private async readRecords(
    stream: StreamName,
    options: {
      fromRevision?: ReadRevision;
      direction?: typeof FORWARDS | typeof BACKWARDS;
      maxCount?: number;
    },
  ): Promise<RecordedLike[]> {
    const records: RecordedLike[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, {
        fromRevision: options.fromRevision ?? KURRENT_START,
        direction: options.direction ?? FORWARDS,
        ...(options.maxCount !== undefined && { maxCount: options.maxCount }),
      })) {
        if (resolved.event) records.push(resolved.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return records;
  }

  /**
   * Events after `after` in `$all` order, at most `limit`, that are this store's and pass the
   * filter. A read from a position may or may not return the event at it, so anything not
   * after it is dropped, and one more event than needed is asked for. KurrentDB's own events,
   * checkpoints and other applications' events are skipped, so a page is read on until it holds
   * `limit` events or the log ends: a short page always means the end of the log, which is how
   * the catch-up loop knows it has caught up.
   */
  private async readAfter(
    after: Position | typeof KURRENT_START,
    limit: number | undefined,
    filter?: SubscriptionFilter,
  ): Promise<StoredEvent[]> {
    const serverFilter = toServerFilter(filter);
    const found: StoredEvent[] = [];
    let cursor = after;
    for (;;) {
      const request = limit === undefined ? undefined : limit - found.length + 1;
      let received = 0;
      let last: Position | undefined;
      for await (const resolved of this.client.readAll({
        fromPosition: cursor,
        filter: serverFilter,
        ...(request !== undefined && { maxCount: request }),
      })) {
        received += 1;
        const recorded = resolved.event;
        if (!recorded) continue;
        if (!recorded.position) {
          throw new Error(
            `KurrentDB returned event ${recorded.id} of $all without its log position.`,
          );
        }
        last = recorded.position;
        if (cursor !== KURRENT_START && comparePositions(recorded.position, cursor) <= 0) continue;
        if (limit !== undefined && found.length >= limit) continue;
        const event = ownEvent(recorded, filter);
        if (event) found.push(event);
      }
      const logEnded = request === undefined || received < request;
      if (logEnded || (limit !== undefined && found.length >= limit) || last === undefined)
        return found;
      cursor = last;
    }
  }

  private async readForVerification(stream: StreamName): Promise<StreamReading> {
    let truncateBefore: unknown;
    let records: RecordedLike[];
    try {
      const [metadata, read] = await Promise.all([
        this.client.getStreamMetadata(stream),
        this.readRecords(stream, {}),
      ]);
      truncateBefore = metadata.metadata?.truncateBefore;
      records = read;
    } catch (error) {
      if (isStreamDeleted(error)) return { records: [], tombstoned: true };
      throw error;
    }
    return {
      truncateBefore,
      records: records.map((record): DecodedEvent | ForeignEventError => {
        try {
          return decodeRecordedEvent(record);
        } catch (error) {
          if (error instanceof ForeignEventError) return error;
          throw error;
        }
      }),
    };
  }

  // --- subscriptions ---------------------------------------------------------------------

  private catchUpOptions(subscriberName: string, options: SubscribeOptions): CatchUpOptions {
    this.assertOpen();
    if (typeof subscriberName !== 'string' || subscriberName.trim() === '') {
      throw new RangeError(
        'A subscription needs a subscriber name: its checkpoint is kept under it.',
      );
    }
    if (this.options.liveWakeUps) {
      this.wakeUps ??= new WakeUpFeed(this.client, () => this.signal.notify());
    }
    return { ...options, pollIntervalMs: this.options.pollIntervalMs };
  }

  private readonly catchUpSource: CatchUpSource = {
    readAfter: (position, limit, filter) => this.readAfter(decodePosition(position), limit, filter),
    checkpoints: {
      load: (subscriberName) => this.checkpoints.load(subscriberName),
      save: (subscriberName, position) => this.checkpoints.save(subscriberName, position),
    },
    waitForAppends: (maxWaitMs, abort) => this.signal.wait(maxWaitMs, abort),
  };

  private checkpointIo(): CheckpointIo {
    return {
      load: async (subscriberName) => {
        const stream = checkpointStreamName(subscriberName);
        const [latest] = await this.readRecords(stream, {
          direction: BACKWARDS,
          fromRevision: END,
          maxCount: 1,
        });
        if (!latest) return undefined;
        const position = isRecord(latest.data) ? latest.data['position'] : undefined;
        if (typeof position !== 'string') {
          throw new Error(`Checkpoint stream ${stream} holds no position in its last event.`);
        }
        decodePosition(position); // a position this store can read from, or a RangeError now
        return position;
      },
      write: async (subscriberName, position) => {
        const stream = checkpointStreamName(subscriberName);
        if (!this.cappedCheckpointStreams.has(stream)) {
          await this.capAtOneEvent(stream);
          this.cappedCheckpointStreams.add(stream);
        }
        await this.client.appendToStream(
          stream,
          jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { subscriberName, position } }),
          { streamState: ANY },
        );
      },
    };
  }

  /** `$maxCount: 1`: only the last checkpoint is kept (older ones go at the next scavenge). */
  private async capAtOneEvent(stream: StreamName): Promise<void> {
    const { metadata } = await this.client.getStreamMetadata(stream);
    if (metadata?.maxCount === 1) return;
    await this.client.setStreamMetadata(stream, { ...metadata, maxCount: 1 });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('This KurrentDB event store is closed.');
  }
}

/** The recorded event as the port returns it, when it is this store's and passes the filter. */
function ownEvent(
  recorded: RecordedLike,
  filter: SubscriptionFilter | undefined,
): StoredEvent | undefined {
  if (isStoreInternal(recorded.streamId, recorded.type)) return undefined;
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0 && !prefixes.some((prefix) => recorded.streamId.startsWith(prefix)))
    return undefined;
  const types = filter?.eventTypes ?? [];
  if (types.length > 0 && !types.includes(recorded.type)) return undefined;
  try {
    return decodeRecordedEvent(recorded).event;
  } catch (error) {
    // Another application's event on a shared server, or one that no longer decodes: not part
    // of this store's log. verifyStream reports the latter in the stream it was written to.
    if (error instanceof ForeignEventError) return undefined;
    throw error;
  }
}

/**
 * What the server can filter on its own: one condition, by stream name or by event type. The
 * rest of the filter is applied here (ownEvent), so the server's filter only saves traffic.
 */
export function toServerFilter(filter: SubscriptionFilter | undefined): Filter {
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
    return streamNameFilter({ prefixes: filter.streamPrefixes });
  }
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    return eventTypeFilter({ prefixes: filter.eventTypes });
  }
  return streamNameFilter({ regex: OWN_STREAMS_REGEX });
}

/**
 * A push feed from the end of `$all` (KurrentDB's own streams and checkpoints filtered out on
 * the server) whose only job is to wake this process's subscriptions when an event is appended
 * anywhere. Delivery never depends on it: if it drops, it reconnects, and polling carries on.
 */
class WakeUpFeed {
  private subscription: AllStreamSubscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly client: KurrentClient,
    private readonly wake: () => void,
  ) {
    this.open();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.unsubscribe().catch(() => undefined);
  }

  private open(): void {
    if (this.closed) return;
    let subscription: AllStreamSubscription;
    try {
      subscription = this.client.subscribeToAll({
        fromPosition: END,
        filter: streamNameFilter({ regex: OWN_STREAMS_REGEX }),
      });
    } catch {
      this.reopenLater(undefined);
      return;
    }
    this.subscription = subscription;
    subscription.on('data', () => this.wake());
    subscription.on('error', () => this.reopenLater(subscription));
    subscription.on('end', () => this.reopenLater(subscription));
  }

  private reopenLater(dropped: AllStreamSubscription | undefined): void {
    if (this.closed || this.subscription !== dropped) return;
    this.subscription = undefined;
    dropped?.unsubscribe().catch(() => undefined);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.open();
    }, WAKE_UP_RECONNECT_MS);
    this.timer.unref();
  }
}

function connectProblem(error: unknown): string {
  const type = (error as { type?: unknown }).type;
  const message = error instanceof Error ? error.message : String(error);
  switch (type) {
    case 'unavailable':
      return `no server answers there (${message}).`;
    case 'access-denied':
      return `this user may not read $all, which the store needs (use an admin or ops user) (${message}).`;
    case 'deadline-exceeded':
      return `the server did not answer in time (${message}).`;
    default:
      return message;
  }
}

/** The client warns about `esdb://` on every connection; both name the same thing. */
export function withCurrentScheme(url: string): string {
  return url.replace(
    /^esdb(\+discover)?:\/\//i,
    (_, discover: string | undefined) => `kurrentdb${discover ?? ''}://`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
