/**
 * The relay (docs/architecture.md, Messaging): the only producer of `lastri.<context>.events`. It reads
 * the context's own streams from the event store, from a durable checkpoint (`relay:<context>`),
 * checks each event against its contract, and publishes them in batches with an idempotent
 * producer (acks=all, key = residentId). A read's checkpoint moves only after Kafka acknowledged
 * all of it, so a crash republishes at most the two reads in flight: at-least-once, and consumers
 * absorb the repeats by event id.
 *
 * Usable as a Nest provider (it has the lifecycle hooks) or from plain code with start()/stop().
 */
import { Logger, type LoggerService } from '@nestjs/common';
import type { EventStore, StoredEvent, Subscription } from '@lastri/event-store';
import { EVENT_TOPICS, STREAM_PREFIXES, type EventContext } from '@lastri/contracts';

import { toKafkaRecord, type OutgoingKafkaRecord } from '../envelope/cloud-events.kafka';
import { assertPublishable } from './publishable-event';
import { relayProducer, type RelayKafkaConfig, type RelayProducer } from './relay-producer';
import { abortableSleep } from '../abortable-sleep';

export interface EventRelayOptions {
  store: EventStore;
  /** The kafkajs client settings of the host (brokers from KAFKA_BROKERS), for the producer thread. */
  kafka: RelayKafkaConfig;
  /** Where the relay's producer comes from; by default the producer thread (relay-producer.ts). */
  createProducer?: (config: RelayKafkaConfig) => RelayProducer;
  context: EventContext;
  /** Defaults to the context's topic in contracts; tests give each run a topic of its own. */
  topic?: string;
  /** Events per Kafka send (one produce request). */
  batchSize?: number;
  /**
   * Sends per store read (default 1): the relay reads `batchSize × sendsPerRead` events at once
   * and checkpoints a read after all of it is acknowledged. Two reads are in flight at a time (the
   * next one is checked and encoded while the last one's sends wait), so a crash repeats at most
   * two reads. Larger reads keep more events in memory at once, which costs more in garbage
   * collection than the fewer checkpoints save.
   */
  sendsPerRead?: number;
  /** How long stop() lets the batch in flight finish before it disconnects under it. */
  stopTimeoutMs?: number;
  logger?: LoggerService;
  /** Called once if the relay stops on its own (an invalid event, a producer error). Default: log it. */
  onFailure?: (error: unknown) => void;
}

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_SENDS_PER_READ = 1;
const DEFAULT_STOP_TIMEOUT_MS = 10_000;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

export function relaySubscriberName(context: EventContext): string {
  return `relay:${context}`;
}

export class EventRelay {
  readonly context: EventContext;
  readonly topic: string;
  readonly subscriberName: string;
  private readonly batchSize: number;
  private readonly sendsPerRead: number;
  private readonly logger: LoggerService;
  private producer?: RelayProducer;
  /** The current run's, or the last one's after stop(). */
  private subscription?: Subscription;
  private stopping = false;
  private publishedCount = 0;
  /** Set by a read with an invalid event: no read after it may publish anything. */
  private halted: unknown;
  /** The keepRunning() loop's, while it runs. */
  private keeping?: { abort: AbortController; loop: Promise<void> };
  private state: { ready: boolean; detail: string } = { ready: false, detail: 'not started' };
  readonly readinessName = 'relay';
  private markStarted!: (subscription: Subscription) => void;
  private readonly firstRun = new Promise<Subscription>((resolve) => (this.markStarted = resolve));

  constructor(private readonly options: EventRelayOptions) {
    this.context = options.context;
    this.topic = options.topic ?? EVENT_TOPICS[options.context];
    this.subscriberName = relaySubscriberName(options.context);
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.sendsPerRead = options.sendsPerRead ?? DEFAULT_SENDS_PER_READ;
    this.logger = options.logger ?? new Logger(`EventRelay(${options.context})`);
  }

  /** Events this instance has seen acknowledged by Kafka (repeats after a restart included). */
  get published(): number {
    return this.publishedCount;
  }

  /** Resolves once everything stored when the relay started has been published. */
  get caughtUp(): Promise<void> {
    return this.whenStarted((subscription) => subscription.caughtUp);
  }

  /** Resolves when stop() ends the relay; rejects if it stopped on its own. */
  get stopped(): Promise<void> {
    return this.whenStarted((subscription) => subscription.stopped);
  }

  async start(): Promise<void> {
    if (this.producer) return;
    this.stopping = false;
    const producer = (this.options.createProducer ?? relayProducer)(this.options.kafka);
    try {
      await producer.connect();
    } catch (error) {
      // Release it: the producer thread keeps a producer until it is closed.
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    this.halted = undefined;
    const subscription = this.options.store.subscribeInBatches(
      this.subscriberName,
      (events) => this.publish(producer, events),
      {
        filter: { streamPrefixes: [STREAM_PREFIXES[this.context]] },
        batchSize: this.batchSize * this.sendsPerRead,
        // The next read is checked and encoded while this one's sends wait for Kafka.
        batchesInFlight: 2,
      },
    );
    this.subscription = subscription;
    this.markStarted(subscription);
    subscription.stopped.catch((error: unknown) => {
      if (this.stopping) return;
      this.logger.error(
        `Relay ${this.subscriberName} → ${this.topic} stopped: ${(error as Error).message ?? error}`,
        (error as Error).stack,
      );
      if (this.producer === producer) this.producer = undefined; // start() may run it again
      void producer.disconnect().catch(() => undefined);
      this.options.onFailure?.(error);
    });
    this.logger.log(`Relaying ${STREAM_PREFIXES[this.context]}* → ${this.topic}`);
  }

  async stop(): Promise<void> {
    const keeping = this.keeping;
    this.keeping = undefined;
    keeping?.abort.abort();
    await this.stopRunning();
    // A start() still connecting stops what it started once it is done; not waited for longer
    // than a stop may take (kafkajs keeps retrying an unreachable broker for a while).
    if (keeping) await withTimeout(keeping.loop, this.options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS);
    this.state = { ready: false, detail: 'stopped' };
  }

  private async stopRunning(): Promise<void> {
    const { subscription, producer } = this;
    if (!subscription || !producer) return;
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const stopTimeoutMs = this.options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    await Promise.race([
      subscription.stop(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, stopTimeoutMs))),
    ]);
    clearTimeout(timer);
    try {
      // An unfinished batch fails here and keeps its checkpoint: it goes out again next start.
      await producer.disconnect();
    } finally {
      // Also when disconnect fails (the producer thread gone): start() can run the relay again.
      this.producer = undefined;
      await subscription.stop();
    }
  }

  /** For the readiness check: running, or why not (starting, in back-off after an error). */
  readiness(): { ready: boolean; detail: string } {
    return this.state;
  }

  /**
   * Starts the relay in the background and keeps it running until stop(): a broker that cannot
   * be reached, or a relay that stops on its own, is retried with exponential back-off (0.5 s up
   * to 30 s). The events wait in the store meanwhile, so the service goes on accepting them.
   */
  keepRunning(): void {
    if (this.keeping) return;
    const abort = new AbortController();
    const loop = this.runUntilAborted(abort.signal);
    this.keeping = { abort, loop };
  }

  onApplicationBootstrap(): void {
    this.keepRunning();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  private async runUntilAborted(abort: AbortSignal): Promise<void> {
    let backoffMs = FIRST_BACKOFF_MS;
    while (!abort.aborted) {
      this.state = { ready: false, detail: `connecting to Kafka for ${this.topic}` };
      try {
        await this.start();
        if (abort.aborted) return await this.stopRunning(); // stop() came while connecting
        this.state = { ready: true, detail: `relaying to ${this.topic}` };
        backoffMs = FIRST_BACKOFF_MS;
        await this.started().stopped; // resolves on stop(), rejects when it stops on its own
        return;
      } catch (error) {
        if (abort.aborted) return;
        const reason = (error as Error).message ?? String(error);
        this.state = { ready: false, detail: `back-off ${backoffMs} ms after: ${reason}` };
        this.logger.warn(`Relay ${this.subscriberName} → ${this.topic} not running, retrying in ${backoffMs} ms: ${reason}`);
        await abortableSleep(backoffMs, abort);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /**
   * Publishes one store read: checks its events against their contracts, encodes them, and hands
   * them to the producer as sends of batchSize. The producer sends them in order, each once the one
   * before it is acknowledged, and after a failed send fails the ones behind it unsent: one
   * resident's events never overtake each other. The subscription hands over the next read while
   * this one's sends still wait (batchesInFlight 2), so its checks and encoding overlap them.
   * Resolves when this read's sends are acknowledged: only then does its checkpoint move.
   */
  private publish(producer: RelayProducer, events: StoredEvent[]): Promise<void> {
    if (this.halted !== undefined) return Promise.reject(this.halted);
    const acknowledged: Promise<void>[] = [];
    let invalid: unknown;
    for (let from = 0; from < events.length && invalid === undefined; from += this.batchSize) {
      const records: OutgoingKafkaRecord[] = [];
      for (const event of events.slice(from, from + this.batchSize)) {
        try {
          assertPublishable(event, this.context);
        } catch (error) {
          invalid = error;
          break;
        }
        records.push(toKafkaRecord(event));
      }
      // The events before an invalid one still go out, so consumers get as far as they can; the
      // read is not checkpointed, so a restart republishes them (duplicates, absorbed by id).
      if (records.length > 0) {
        acknowledged.push(
          producer.send(this.topic, records).then(() => {
            this.publishedCount += records.length;
          }),
        );
      }
    }
    // Known before the next read is handed over (this runs without a pause): none of it goes out.
    if (invalid !== undefined) this.halted = invalid;
    return Promise.all(acknowledged).then(() => {
      if (invalid !== undefined) throw invalid;
    });
  }

  /** Of the current run; with keepRunning() and no run yet, of the first run once it starts. */
  private whenStarted(answer: (subscription: Subscription) => Promise<void>): Promise<void> {
    if (!this.subscription && this.keeping) return this.firstRun.then(answer);
    return answer(this.started());
  }

  private started(): Subscription {
    if (!this.subscription)
      throw new Error(`Relay ${this.subscriberName} has not been started: call start() first.`);
    return this.subscription;
  }
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
