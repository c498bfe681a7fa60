/**
 * Subscriber checkpoints on KurrentDB: one stream per subscriber, `lastri-checkpoint-<name>`,
 * capped at one event by `$maxCount` metadata, whose last event holds the position of the last
 * event the subscriber's handler finished. (`$`-streams are KurrentDB's own; persistent
 * subscriptions were not used: the server checkpoints those on its own schedule and redelivers
 * on timeouts and retries, so they promise neither "nothing handled is delivered again after a
 * clean stop" nor "never reordered".)
 *
 * In KurrentDB a checkpoint is an event in the log, not a row updated in place, so saving one
 * after every handled event would write one event per subscriber per event. Saves are therefore
 * written behind: the catch-up loop's save() records the position and returns, one write per
 * subscriber is in flight at a time, and it always writes the newest position recorded. The
 * checkpoint still only ever names an event whose handler succeeded. A clean stop and a failed
 * handler both wait for the last position to be written (drain) before they report, so a restart
 * resumes exactly after the last handled event; after a crash, the events handled since the last
 * write are delivered again, which at-least-once delivery allows (the PostgreSQL store's saves
 * skip the disk flush for the same reason).
 */
import type { GlobalPosition, Subscription } from '../../port/event-store';
import type { CheckpointStore } from '../../subscription/catch-up-subscription';
import { CHECKPOINT_STREAM_PREFIX } from './kurrentdb-envelope';

export const CHECKPOINT_EVENT_TYPE = 'LastriCheckpointSaved';

export function checkpointStreamName(subscriberName: string): string {
  return `${CHECKPOINT_STREAM_PREFIX}${subscriberName}`;
}

export interface CheckpointIo {
  load(subscriberName: string): Promise<GlobalPosition | undefined>;
  write(subscriberName: string, position: GlobalPosition): Promise<void>;
}

interface SubscriberState {
  /** Recorded by save() and not yet handed to a write. */
  pending: GlobalPosition | undefined;
  writing: Promise<void> | undefined;
  failure: unknown;
}

export class WriteBehindCheckpoints implements CheckpointStore {
  private readonly subscribers = new Map<string, SubscriberState>();

  constructor(private readonly io: CheckpointIo) {}

  async load(subscriberName: string): Promise<GlobalPosition | undefined> {
    // A restart in this process must not read the stream before its last save is written.
    await this.drain(subscriberName);
    return this.io.load(subscriberName);
  }

  async save(subscriberName: string, position: GlobalPosition): Promise<void> {
    const state = this.subscribers.get(subscriberName) ?? this.track(subscriberName);
    if (state.failure !== undefined) {
      // The subscription stops on this error with its checkpoint where the last write left it.
      this.subscribers.delete(subscriberName);
      throw state.failure;
    }
    state.pending = position;
    state.writing ??= this.writeAll(subscriberName, state);
  }

  /** Resolves once every recorded position is written; rejects if a write failed. */
  async drain(subscriberName: string): Promise<void> {
    const state = this.subscribers.get(subscriberName);
    if (!state) return;
    while (state.writing) await state.writing;
    if (this.subscribers.get(subscriberName) === state) this.subscribers.delete(subscriberName);
    if (state.failure !== undefined) throw state.failure;
  }

  /** Subscribers with a write in flight or waiting. */
  get busy(): string[] {
    return [...this.subscribers.keys()];
  }

  private track(subscriberName: string): SubscriberState {
    const state: SubscriberState = { pending: undefined, writing: undefined, failure: undefined };
    this.subscribers.set(subscriberName, state);
    return state;
  }

  private async writeAll(subscriberName: string, state: SubscriberState): Promise<void> {
    try {
      while (state.pending !== undefined) {
        const position = state.pending;
        state.pending = undefined;
        await this.io.write(subscriberName, position);
      }
    } catch (error) {
      state.failure = error ?? new Error(`Saving the checkpoint of ${subscriberName} failed.`);
      state.pending = undefined;
    } finally {
      state.writing = undefined;
      if (state.failure === undefined && this.subscribers.get(subscriberName) === state) {
        this.subscribers.delete(subscriberName);
      }
    }
  }
}

/**
 * The catch-up subscription, reporting `stopped` (and finishing `stop()`) only after the
 * subscriber's last checkpoint is written. When the handler failed, the handler's error is what
 * `stopped` rejects with; a failed checkpoint write after a clean run is reported instead.
 */
export function drainingCheckpoints(
  subscription: Subscription,
  drain: () => Promise<void>,
): Subscription {
  const stopped = subscription.stopped.then(
    () => drain(),
    async (error: unknown) => {
      await drain().catch(() => undefined);
      throw error;
    },
  );
  stopped.catch(() => undefined); // observed through `stopped` by the caller
  return {
    subscriberName: subscription.subscriberName,
    caughtUp: subscription.caughtUp,
    stopped,
    async stop() {
      await subscription.stop();
      await stopped.catch(() => undefined);
    },
  };
}
