/**
 * The catch-up subscription every adapter shares: read from the subscriber's checkpoint in
 * global order, hand each event to the handler, save the checkpoint only after the handler
 * succeeds, and when nothing is left wait for a nudge (an append in this process, a database
 * notification) or the poll interval, then read again. Never skips, never reorders: it only
 * ever asks the adapter for events after the last position it delivered.
 */
import type {
  BatchSubscriptionHandler,
  GlobalPosition,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionFilter,
  SubscriptionHandler,
} from '../port/event-store';
import { START } from '../port/event-store';

export interface CheckpointStore {
  load(subscriberName: string): Promise<GlobalPosition | undefined>;
  save(subscriberName: string, position: GlobalPosition): Promise<void>;
}

export interface CatchUpSource {
  /** Events after `position` (exclusive), in global order, that pass the filter. */
  readAfter(
    position: GlobalPosition,
    limit: number,
    filter?: SubscriptionFilter,
  ): Promise<StoredEvent[]>;
  checkpoints: CheckpointStore;
  /** Resolves when new events may be there: on a signal, or after `maxWaitMs` at the latest. */
  waitForAppends(maxWaitMs: number, abort: AbortSignal): Promise<void>;
}

export interface CatchUpOptions extends SubscribeOptions {
  pollIntervalMs?: number;
}

/** One event at a time, the checkpoint saved after each: the least redelivery after a crash. */
export function startCatchUpSubscription(
  source: CatchUpSource,
  subscriberName: string,
  handler: SubscriptionHandler,
  options: CatchUpOptions = {},
): Subscription {
  return runCatchUp(
    source,
    subscriberName,
    1,
    async (batch, isAborted, checkpoint) => {
      for (const event of batch) {
        if (isAborted()) return;
        await handler(event);
        await checkpoint(event.globalPosition);
      }
    },
    options,
  );
}

/**
 * A whole read batch at a time, the checkpoint saved after each batch: for consumers that gain
 * from batching their own writes (the relay's Kafka produce), at the price of redelivering up
 * to one batch after a crash.
 */
export function startBatchCatchUpSubscription(
  source: CatchUpSource,
  subscriberName: string,
  handler: BatchSubscriptionHandler,
  options: CatchUpOptions = {},
): Subscription {
  const inFlight = options.batchesInFlight ?? 1;
  if (!Number.isInteger(inFlight) || inFlight < 1) {
    throw new RangeError(
      `batchesInFlight is a whole number from 1; got ${JSON.stringify(inFlight)}.`,
    );
  }
  return runCatchUp(
    source,
    subscriberName,
    inFlight,
    (batch, isAborted, checkpoint, before) => {
      if (isAborted()) return Promise.resolve();
      const last = batch[batch.length - 1].globalPosition;
      // Not an async function: its frame would hold the batch until the checkpoint is saved, and
      // a handler done with its events (the relay, once they are encoded) lets them go at once.
      return handler(batch)
        .then(() => before) // in batch order: a failed batch before this one fails it, unsaved
        .then(() => checkpoint(last));
    },
    options,
  );
}

/**
 * Hands one batch to the handler and saves the checkpoint after it succeeded. `before` resolves
 * once the batch handed over before this one is delivered (at once when there is none in flight),
 * and rejects if it failed.
 */
type Deliver = (
  batch: StoredEvent[],
  isAborted: () => boolean,
  checkpoint: (position: GlobalPosition) => Promise<void>,
  before: Promise<void>,
) => Promise<void>;

function runCatchUp(
  source: CatchUpSource,
  subscriberName: string,
  batchesInFlight: number,
  deliver: Deliver,
  options: CatchUpOptions,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const abort = new AbortController();
  let markCaughtUp!: () => void;
  let failCaughtUp!: (error: unknown) => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    markCaughtUp = resolve;
    failCaughtUp = reject;
  });
  caughtUp.catch(() => undefined); // a failure is reported through `stopped` as well

  async function run(): Promise<void> {
    // Where the next read starts: after the last event handed over (saved or not yet).
    let position = (await source.checkpoints.load(subscriberName)) ?? START;
    let isCaughtUp = false;
    // Deliveries not yet finished, oldest first; at most batchesInFlight of them.
    const delivering: Promise<void>[] = [];
    // While a full batch is being handled, the next one is already read: the handler's own
    // waiting (a Kafka acknowledgement, a database commit) then hides the store read. It is used
    // only if it starts where the last batch handed over ended.
    // It starts a turn of the event loop later, once the handler has sent what it waits for: a
    // read that runs synchronously (SQLite's) would otherwise hold that send back behind it.
    let readAhead: { from: GlobalPosition; events: Promise<StoredEvent[]> } | undefined;
    /**
     * Reads the next batch and hands it over; answers whether it was a full one. The batch is
     * not kept here once handed over: while deliveries are waited on, only they hold it.
     */
    async function handOverNext(): Promise<boolean> {
      const batch =
        readAhead?.from === position
          ? await readAhead.events
          : await source.readAfter(position, batchSize, options.filter);
      readAhead = undefined;
      if (batch.length === batchSize) {
        const from = batch[batch.length - 1].globalPosition;
        const events = nextTurn().then(() => source.readAfter(from, batchSize, options.filter));
        readAhead = { from, events };
        readAhead.events.catch(() => undefined); // a failed read-ahead is read again, not lost
      }
      if (batch.length > 0) {
        const delivery = deliver(
          batch,
          () => abort.signal.aborted,
          (delivered) => source.checkpoints.save(subscriberName, delivered),
          delivering[delivering.length - 1] ?? Promise.resolve(),
        );
        delivery.catch(() => undefined); // awaited in run, where a failure stops the subscription
        delivering.push(delivery);
        position = batch[batch.length - 1].globalPosition;
      }
      return batch.length === batchSize;
    }

    try {
      while (!abort.signal.aborted) {
        const full = await handOverNext();
        // Everything delivered before waiting for appends (and before saying caught up).
        const keep = full ? batchesInFlight - 1 : 0;
        while (delivering.length > keep) await delivering.shift();
        if (abort.signal.aborted) return;
        if (!full) {
          if (!isCaughtUp) {
            isCaughtUp = true;
            markCaughtUp();
          }
          await source.waitForAppends(pollIntervalMs, abort.signal);
        }
      }
    } finally {
      // Stopped or failed: nothing of this subscription runs on once `stopped` settles.
      await Promise.allSettled(delivering);
    }
  }

  const stopped = run().catch((error: unknown) => {
    failCaughtUp(error);
    abort.abort();
    throw error;
  });
  stopped.catch(() => undefined); // observed by the caller through `stopped`; avoid unhandled rejection noise

  return {
    subscriberName,
    caughtUp,
    stopped,
    async stop() {
      abort.abort();
      await stopped.catch(() => undefined);
    },
  };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The subscriptions a store started that have not stopped yet, so that close() can stop them first. */
export class RunningSubscriptions {
  private readonly running = new Set<Subscription>();

  /** Remembers `subscription` until it stops, and answers it. */
  track(subscription: Subscription): Subscription {
    this.running.add(subscription);
    const forget = () => this.running.delete(subscription);
    subscription.stopped.then(forget, forget);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((subscription) => subscription.stop()));
  }
}

/**
 * A wake-up signal for subscriptions in this process, nudged by appends in this process and by
 * database notifications. A nudge that comes while a subscription is not waiting (its read is in
 * flight and began before the append committed) is remembered for that subscription: its next
 * wait returns at once and it reads again, instead of sleeping until the poll interval. Each
 * subscription is told apart by the abort signal it waits with (one per subscription).
 */
export class AppendSignal {
  private waiters = new Set<() => void>();
  private nudges = 0;
  private readonly seen = new WeakMap<AbortSignal, number>();

  notify(): void {
    this.nudges += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  wait(maxWaitMs: number, abort: AbortSignal): Promise<void> {
    if (abort.aborted) return Promise.resolve();
    const seen = this.seen.get(abort);
    this.seen.set(abort, this.nudges);
    // Unknown subscriber: its first read may have missed a nudge, so it reads once more.
    if (seen === undefined || seen !== this.nudges) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        abort.removeEventListener('abort', done);
        this.waiters.delete(done);
        this.seen.set(abort, this.nudges);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      abort.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
