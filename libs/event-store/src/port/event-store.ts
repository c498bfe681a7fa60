/**
 * The event store port: the source of truth for each resident's history (docs/architecture.md,
 * Event store). Adapters: SQLite (embedded default), PostgreSQL, KurrentDB. Every adapter passes
 * the same contract suite (../contract).
 */

/** `intake-<residentId>`, `eligibility-<residentId>`, … — one stream per resident per context. */
export type StreamName = string;

/**
 * An adapter's global position, opaque outside it: it only has to sort the way the adapter
 * delivers events (SQLite: a sequence; PostgreSQL: transaction id and sequence; KurrentDB:
 * commit and prepare positions). `START` reads from the beginning.
 */
export type GlobalPosition = string;
export const START: GlobalPosition = 'start';

export interface EventMetadata {
  residentId: string;
  caseId?: string;
  correlationId: string;
  /** The event or command that caused this one; absent for a command from a person. */
  causationId?: string;
  /** Who or which service: `caseworker:<userId>`, `service:eligibility`. */
  actor: string;
  /** ISO-8601 instant at which the fact happened, as the writer saw it. */
  occurredAt: string;
}

export interface NewEvent<Data = unknown> {
  /** UUID. Deterministic (uuidv5(causationId + handler)) for an event caused by another event. */
  id: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

export interface StoredEvent<Data = unknown> extends NewEvent<Data> {
  streamName: StreamName;
  /** 0-based position of the event within its stream. */
  streamVersion: number;
  globalPosition: GlobalPosition;
  /** ISO-8601 instant at which the store committed it (the auditor's time axis). */
  recordedAt: string;
  /** SHA-256 chain per stream: hash of the previous event, or GENESIS_HASH for the first. */
  prevHash: string;
  hash: string;
}

/** Expected stream version: the version of the last event, or a state. */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendResult {
  /** Version of the stream's last event after the append. */
  streamVersion: number;
  /** What this call stored. Empty when every event was already in the stream. */
  appended: StoredEvent[];
  /** True when every event's id was already in the stream: an idempotent re-append, a no-op. */
  alreadyAppended: boolean;
}

export interface ReadStreamOptions {
  /** First stream version to read (inclusive); for backwards reads, the version to start at. */
  from?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

export interface SubscriptionFilter {
  /** Only events of streams whose name starts with one of these (e.g. `intake-`). */
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface SubscribeOptions {
  filter?: SubscriptionFilter;
  /** How many events a catch-up read fetches at once. */
  batchSize?: number;
  /**
   * subscribeInBatches only: how many batches the handler may have at once (default 1). With 2,
   * the next batch is handed over while the handler still waits on the one before (a Kafka
   * acknowledgement, say), so that wait hides the next batch's work. Checkpoints still follow
   * batch order, each saved once its batch and every batch before it succeeded; the handler
   * keeps its own effects in order (the relay chains its sends).
   */
  batchesInFlight?: number;
}

export type SubscriptionHandler = (event: StoredEvent) => Promise<void>;
export type BatchSubscriptionHandler = (events: StoredEvent[]) => Promise<void>;

export interface Subscription {
  readonly subscriberName: string;
  /** Resolves once the subscription has delivered everything stored when it started. */
  readonly caughtUp: Promise<void>;
  /** Rejects if the handler fails: the checkpoint stays before the failed event. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

export interface ResidentHistoryOptions {
  /** Only events the store recorded at or before this instant: the history as of that time. */
  until?: Date;
}

export type ChainVerification =
  | { ok: true; streamName: StreamName; eventsChecked: number }
  | {
      ok: false;
      streamName: StreamName;
      /** Version at which the chain first breaks. */
      streamVersion: number;
      eventId?: string;
      problem: ChainProblem;
      detail: string;
    };

export type ChainProblem =
  /** The stored content no longer hashes to the stored hash: modified in place. */
  | 'content-altered'
  /** prevHash does not match the previous event's hash: an event removed or reordered. */
  | 'broken-link'
  /** A stream version is missing: an event deleted. */
  | 'missing-event'
  /** The stream ends before its recorded head: its last events were deleted. */
  | 'truncated';

export interface EventStore {
  append(
    stream: StreamName,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult>;
  readStream(stream: StreamName, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Events after `from` (exclusive) in global order. */
  readAll(from?: GlobalPosition, limit?: number): Promise<StoredEvent[]>;
  /** Catch-up from the subscriber's durable checkpoint, then live; checkpoint after each success. */
  subscribe(
    subscriberName: string,
    handler: SubscriptionHandler,
    options?: SubscribeOptions,
  ): Subscription;
  /**
   * As `subscribe`, but hands over each read batch (up to `batchSize` events) at once and saves
   * the checkpoint after the batch: for consumers that batch their own writes.
   */
  subscribeInBatches(
    subscriberName: string,
    handler: BatchSubscriptionHandler,
    options?: SubscribeOptions,
  ): Subscription;
  /** The merge of the resident's context streams in global order. */
  readResidentHistory(residentId: string, options?: ResidentHistoryOptions): Promise<StoredEvent[]>;
  verifyStream(stream: StreamName): Promise<ChainVerification>;
  verifyResident(residentId: string): Promise<ChainVerification[]>;
  close(): Promise<void>;
}
