/**
 * The Kafka transport of LASTRI's consumers: Nest's ServerKafka (kafkajs) with the delivery rules
 * of event-delivery.ts. One instance runs one consumer (group `lastri.<consumer>`) and drives the
 * `@EventPattern` handlers that `@EventConsumer(<consumer>)` tagged; handlers of other consumers
 * in the same app are left to their own transport.
 *
 * Why override rather than configure ServerKafka: in v11 its handleEvent awaits the handler, but
 * a failure escapes to kafkajs, which re-delivers the same message forever and blocks the
 * partition behind it (there is no retry limit or dead-letter topic); and with autoCommit on,
 * kafkajs commits on its own timer. Here autoCommit is off and the offset is committed through
 * the KafkaContext only after every handler succeeded or the message went to the dead-letter topic.
 */
import { KafkaContext, ServerKafka, type MessageHandler } from '@nestjs/microservices';
import type { EachMessagePayload, Producer } from 'kafkajs';
import { Partitioners, logLevel as kafkaLogLevel } from 'kafkajs';

import { fromKafkaRecord } from '../envelope/cloud-events.kafka';
import { publishDeadLetter } from '../dead-letter/kafka-dead-letter.queue';
import { consumerGroupId } from './consumer-names';
import { EventDeliverer } from './event-delivery';
import { EventRoutes, type EventRoute } from './event-routes';
import { retryPolicy, type RetryPolicy } from './retry-policy';
import { abortableSleep } from '../abortable-sleep';

export interface KafkaEventTransportOptions {
  /** The consumer this transport runs: group `<groupPrefix>.<consumer>`, dead letters to `lastri.<consumer>.dlq`. */
  consumer: string;
  /** KAFKA_GROUP_PREFIX: tells apart stacks sharing a broker (default `lastri`). */
  groupPrefix?: string;
  brokers: string[];
  clientId?: string;
  retry?: Partial<RetryPolicy>;
  /** Partitions handled at the same time; order holds within each partition regardless. */
  partitionsConsumedConcurrently?: number;
  /** Where a new group starts: the earliest offset (default), or only new records. */
  fromBeginning?: boolean;
  sessionTimeout?: number;
  heartbeatInterval?: number;
  /**
   * How long an idle fetch waits on the broker (default 1000 ms). Shutdown and rebalances wait
   * for the fetch in flight, so kafkajs's 5 s default would hold every close for 5 s.
   */
  maxWaitTimeInMs?: number;
  logLevel?: kafkaLogLevel;
}

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

export class KafkaEventTransport extends ServerKafka {
  readonly consumerName: string;
  /** One entry per consumer in the readiness report: a service may run several (notification). */
  readonly readinessName: string;
  private state: { ready: boolean; detail: string } = { ready: false, detail: 'not started' };
  private readonly routes = new EventRoutes();
  private readonly deliverer: EventDeliverer;
  private readonly closing = new AbortController();
  private routesByTopic = new Map<string, EventRoute[]>();

  constructor(options: KafkaEventTransportOptions) {
    super({
      postfixId: '',
      client: {
        clientId: options.clientId ?? `lastri-${options.consumer}`,
        brokers: options.brokers,
        logLevel: options.logLevel ?? kafkaLogLevel.WARN,
      },
      consumer: {
        groupId: consumerGroupId(options.consumer, options.groupPrefix),
        maxWaitTimeInMs: options.maxWaitTimeInMs ?? 1_000,
        ...(options.sessionTimeout ? { sessionTimeout: options.sessionTimeout } : {}),
        ...(options.heartbeatInterval ? { heartbeatInterval: options.heartbeatInterval } : {}),
      },
      subscribe: { fromBeginning: options.fromBeginning ?? true },
      run: { autoCommit: false, partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1 },
      // Dead letters: idempotent and acks=all, like everything LASTRI publishes.
      producer: { idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner },
    });
    this.readinessName = `kafkaConsumer:${options.consumer}`;
    this.consumerName = options.consumer;
    this.deliverer = new EventDeliverer(retryPolicy(options.retry), this.logger);
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    const route = this.routes.add(pattern, callback, isEventHandler, extras);
    if (route.consumer !== this.consumerName) return;
    this.routesByTopic = this.routes.ofConsumer(this.consumerName);
  }

  override async bindEvents(consumer: Parameters<ServerKafka['bindEvents']>[0]): Promise<void> {
    const topics = [...this.routesByTopic.keys()];
    if (topics.length === 0) {
      this.logger.warn(`Consumer ${this.consumerName} has no @EventPattern handlers: nothing to consume.`);
      return;
    }
    await consumer.subscribe({ ...this.options.subscribe, topics });
    await consumer.run({
      ...this.options.run,
      autoCommit: false,
      eachMessage: (payload) => this.handleRecord(payload as unknown as EachMessagePayload),
    });
  }

  /**
   * Ready only once the consumer has really joined its group (kafkajs GROUP_JOIN), and again not
   * while it rebalances, after a crash, or once stopped, until it has joined again.
   */
  readiness(): { ready: boolean; detail: string } {
    return this.state;
  }

  /**
   * Starts consuming. If the broker cannot be reached, the service still starts (its HTTP side
   * serves; readiness says why the consumer is not) and the consumer is retried in the background
   * with exponential back-off, 0.5 s up to 30 s.
   */
  override async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.connectAndRun();
    } catch (error) {
      this.retryInBackground(error);
    }
    callback();
  }

  override async close(): Promise<void> {
    this.closing.abort();
    await super.close();
    this.state = { ready: false, detail: 'closed' };
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer;
    if (!consumer) return;
    const { GROUP_JOIN, REBALANCING, CRASH, STOP, DISCONNECT } = consumer.events;
    consumer.on(GROUP_JOIN, ({ payload }) => {
      this.state = { ready: true, detail: `joined group ${payload.groupId}` };
    });
    consumer.on(REBALANCING, () => {
      this.state = { ready: false, detail: 'rebalancing' };
    });
    consumer.on(CRASH, ({ payload }) => {
      const reason = payload.error?.message ?? String(payload.error);
      this.state = { ready: false, detail: `crashed (${reason})${payload.restart ? ', rejoining' : ''}` };
      // kafkajs restarts the consumer itself after a retriable crash; after any other, this does.
      if (!payload.restart && consumer === this.consumer) this.retryInBackground(payload.error);
    });
    consumer.on(STOP, () => {
      this.state = { ready: false, detail: 'stopped' };
    });
    consumer.on(DISCONNECT, () => {
      this.state = { ready: false, detail: 'disconnected' };
    });
  }

  private async connectAndRun(): Promise<void> {
    this.state = { ready: false, detail: 'connecting' };
    this.client = this.createClient();
    await this.start(() => undefined);
    if (this.state.detail === 'connecting') this.state = { ready: false, detail: 'joining its group' };
  }

  private retryInBackground(error: unknown): void {
    void (async () => {
      let backoffMs = FIRST_BACKOFF_MS;
      let reason = (error as Error)?.message ?? String(error);
      while (!this.closing.signal.aborted) {
        this.state = { ready: false, detail: `back-off ${backoffMs} ms after: ${reason}` };
        this.logger.warn(`Consumer ${this.consumerName} not running, retrying in ${backoffMs} ms: ${reason}`);
        await super.close().catch(() => undefined);
        await abortableSleep(backoffMs, this.closing.signal);
        if (this.closing.signal.aborted) return;
        try {
          await this.connectAndRun();
          if (this.closing.signal.aborted) await super.close(); // closed while connecting
          return;
        } catch (next) {
          reason = (next as Error)?.message ?? String(next);
          backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
      }
    })();
  }

  private async handleRecord({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const { consumer, producer } = this;
    if (!consumer || !producer) throw new Error(`Consumer ${this.consumerName} got a message before it started.`);
    const context = new KafkaContext([message, partition, topic, consumer, heartbeat, producer]);
    await this.deliverer.deliver(
      {
        description: `${this.consumerName} ${topic}[${partition}]@${message.offset}`,
        routes: this.routesByTopic.get(topic) ?? [],
        decode: () => fromKafkaRecord(message),
        context,
        deadLetter: (failure) => publishDeadLetter(producer as unknown as Producer, { consumer: this.consumerName, topic, partition, message, failure }),
        keepAlive: heartbeat,
      },
      this.closing.signal,
    );
    await commitPast(context);
  }
}

/** Commits the offset after the context's message: the group resumes behind it. */
async function commitPast(context: KafkaContext): Promise<void> {
  const offset = (BigInt(context.getMessage().offset) + 1n).toString();
  await context.getConsumer().commitOffsets([{ topic: context.getTopic(), partition: context.getPartition(), offset }]);
}
