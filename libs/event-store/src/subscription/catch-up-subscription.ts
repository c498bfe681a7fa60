/**
 * The catch-up subscription the SQL adapters share: read from the subscriber's checkpoint in
 * global order, hand each event to the handler, save the checkpoint only after the handler
 * succeeds, and when nothing is left wait for a nudge (an append in this process, a database
 * notification) or the poll interval, then read again. Never skips, never reorders: it only
 * ever asks the adapter for events after the last position it delivered.
 */
import type {
  BatchSubscriptionHandler,
  GlobalPosition,
  StoredEvent,
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

export interface CatchUpOptions {
  filter?: SubscriptionFilter;
  batchSize?: number;
  pollIntervalMs?: number;
}

/** One event at a time, the checkpoint saved after each: the least redelivery after a crash. */
export function startCatchUpSubscription(
  source: CatchUpSource,
  subscriberName: string,
  handler: SubscriptionHandler,
  options: CatchUpOptions = {},
): Subscription {
  return runCatchUp(source, subscriberName, options, async (batch, isAborted, checkpoint) => {
    for (const event of batch) {
      if (isAborted()) return;
      await handler(event);
      await checkpoint(event.globalPosition);
    }
  });
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
  return runCatchUp(source, subscriberName, options, async (batch, isAborted, checkpoint) => {
    if (batch.length === 0 || isAborted()) return;
    await handler(batch);
    await checkpoint(batch[batch.length - 1].globalPosition);
  });
}

type Deliver = (
  batch: StoredEvent[],
  isAborted: () => boolean,
  checkpoint: (position: GlobalPosition) => Promise<void>,
) => Promise<void>;

function runCatchUp(
  source: CatchUpSource,
  subscriberName: string,
  options: CatchUpOptions,
  deliver: Deliver,
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
    let position = (await source.checkpoints.load(subscriberName)) ?? START;
    let isCaughtUp = false;
    // While a full batch is being handled, the next one is already read: the handler's own
    // waiting (a Kafka acknowledgement, a database commit) then hides the store read. It is used
    // only if the whole batch was delivered, i.e. if it starts where the checkpoint now stands.
    // It starts a turn of the event loop later, once the handler has sent what it waits for: a
    // read that runs synchronously (SQLite's) would otherwise hold that send back behind it.
    let readAhead: { from: GlobalPosition; events: Promise<StoredEvent[]> } | undefined;
    while (!abort.signal.aborted) {
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
      await deliver(
        batch,
        () => abort.signal.aborted,
        async (delivered) => {
          position = delivered;
          await source.checkpoints.save(subscriberName, delivered);
        },
      );
      if (abort.signal.aborted) return;
      if (batch.length < batchSize) {
        if (!isCaughtUp) {
          isCaughtUp = true;
          markCaughtUp();
        }
        await source.waitForAppends(pollIntervalMs, abort.signal);
      }
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

/** A wake-up signal for subscriptions in this process, nudged by appends in this process. */
export class AppendSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  wait(maxWaitMs: number, abort: AbortSignal): Promise<void> {
    if (abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        abort.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      abort.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
