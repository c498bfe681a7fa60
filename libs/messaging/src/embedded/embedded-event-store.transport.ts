/**
 * Embedded mode's bus (docs/architecture.md, Modes): no Kafka, the same `@EventPattern(topic)`
 * handlers, driven from the event store. Each consumer reads each of its topics through a
 * catch-up subscription with its own checkpoint (`lastri.<consumer>:<topic>`), where topic
 * `lastri.<context>.events` means the streams `<context>-*`. Handlers get the envelope the Kafka
 * transport would give them (built through the same CloudEvents encoding), with the same retries
 * and dead-lettering (event-delivery.ts); dead letters go to the store (store-dead-letter.queue.ts)
 * and a re-drive request there is delivered by a further subscription per consumer.
 */
import type { EventStore, StoredEvent, Subscription } from '@lastri/event-store';
import { EVENT_CONTEXTS, EVENT_TOPICS, STREAM_PREFIXES, type EventContext } from '@lastri/contracts';
import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';

import { fromKafkaRecord, toKafkaRecord } from '../envelope/cloud-events.kafka';
import { consumerGroupId } from '../consumer/consumer-names';
import { EventConsumerDefinitionError } from '../consumer/consumer-errors';
import { EventDeliverer } from '../consumer/event-delivery';
import { EventRoutes, type EventRoute } from '../consumer/event-routes';
import { retryPolicy, type RetryPolicy } from '../consumer/retry-policy';
import {
  DEAD_LETTER_REDRIVE_REQUESTED,
  deadLetterStream,
  recordDeadLetter,
  type DeadLetterRedriveRequestedData,
  type EventDeadLetteredData,
} from '../dead-letter/store-dead-letter.queue';
import { EmbeddedEventContext } from './embedded-event.context';

export interface EmbeddedEventStoreTransportOptions {
  store: EventStore;
  retry?: Partial<RetryPolicy>;
  /** Events per catch-up read. */
  batchSize?: number;
  /** Wait before restarting a subscription that stopped on an error (the store unavailable). */
  restartDelayMs?: number;
}

type Status = 'listening' | 'closed';

export class EmbeddedEventStoreTransport extends Server<Record<string, never>, Status> implements CustomTransportStrategy {
  private readonly routes = new EventRoutes();
  private readonly deliverer: EventDeliverer;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly closing = new AbortController();
  private readonly store: EventStore;
  /** Subscriptions that stopped on an error and wait to be restarted, with the error. */
  private readonly failing = new Map<string, string>();
  private listening = false;
  readonly readinessName = 'subscriptions';

  constructor(private readonly options: EmbeddedEventStoreTransportOptions) {
    super();
    this.store = options.store;
    this.deliverer = new EventDeliverer(retryPolicy(options.retry), new Logger(EmbeddedEventStoreTransport.name));
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    const route = this.routes.add(pattern, callback, isEventHandler, extras);
    contextOfTopic(route.topic); // an unknown topic fails at start, not at the first event
  }

  listen(callback: (error?: unknown) => void): void {
    try {
      for (const consumer of this.routes.consumers()) {
        for (const [topic, routes] of this.routes.ofConsumer(consumer)) {
          const context = contextOfTopic(topic);
          this.run(`${consumerGroupId(consumer)}:${topic}`, (name) =>
            this.store.subscribe(name, (event) => this.deliver(consumer, topic, routes, event), {
              filter: { streamPrefixes: [STREAM_PREFIXES[context]] },
              batchSize: this.options.batchSize,
            }),
          );
        }
        this.run(`${consumerGroupId(consumer)}:redrive`, (name) =>
          this.store.subscribe(name, (request) => this.redrive(consumer, request), {
            filter: { streamPrefixes: [deadLetterStream(consumer)], eventTypes: [DEAD_LETTER_REDRIVE_REQUESTED] },
          }),
        );
      }
      this._status$.next('listening');
      this.listening = true;
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** For the readiness check: every consumer's subscriptions are running. */
  readiness(): { ready: boolean; detail: string } {
    if (!this.listening) return { ready: false, detail: this.closing.signal.aborted ? 'closed' : 'not started' };
    if (this.failing.size > 0) {
      return { ready: false, detail: [...this.failing].map(([name, error]) => `${name} restarting after: ${error}`).join('; ') };
    }
    return { ready: true, detail: `${this.subscriptions.size} subscriptions running` };
  }

  /** Resolves when every subscription has delivered what was stored when it started. */
  async caughtUp(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((subscription) => subscription.caughtUp));
  }

  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all([...this.subscriptions.values()].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    this.listening = false;
    this._status$.next('closed');
  }

  on(): never {
    throw new Error('EmbeddedEventStoreTransport emits no events to listen to.');
  }

  unwrap<T>(): T {
    return this.store as T;
  }

  /** Starts a subscription and restarts it from its checkpoint if it stops on an error. */
  private run(name: string, start: (name: string) => Subscription): void {
    const subscription = start(name);
    this.subscriptions.set(name, subscription);
    this.failing.delete(name);
    subscription.stopped.catch((error: unknown) => {
      if (this.closing.signal.aborted) return;
      this.failing.set(name, (error as Error).message);
      this.logger.error(`Subscription ${name} stopped, restarting from its checkpoint: ${(error as Error).message}`);
      const timer = setTimeout(() => {
        if (!this.closing.signal.aborted) this.run(name, start);
      }, this.options.restartDelayMs ?? 1_000);
      this.closing.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    });
  }

  private deliver(consumer: string, topic: string, routes: readonly EventRoute[], event: StoredEvent, redriveRequestId?: string): Promise<void> {
    return this.deliverer.deliver(
      {
        description: `${consumer} ${topic} ${event.streamName}@${event.streamVersion}${redriveRequestId ? ' (re-drive)' : ''}`,
        routes,
        // Through the Kafka encoding and back: the envelope cannot differ from what Kafka delivers.
        decode: () => fromKafkaRecord(toKafkaRecord(event)),
        context: new EmbeddedEventContext([event, topic, consumer]),
        deadLetter: (failure) => recordDeadLetter(this.store, { consumer, topic, event, failure, redriveRequestId }),
      },
      this.closing.signal,
    );
  }

  private async redrive(consumer: string, request: StoredEvent): Promise<void> {
    if (request.streamName !== deadLetterStream(consumer)) return; // another consumer sharing the prefix
    const { deadLetterVersion } = request.data as DeadLetterRedriveRequestedData;
    const [deadLetter] = await this.store.readStream(request.streamName, { from: deadLetterVersion, limit: 1 });
    const { topic, original } = (deadLetter?.data ?? {}) as Partial<EventDeadLetteredData>;
    const [event] = original ? await this.store.readStream(original.streamName, { from: original.streamVersion, limit: 1 }) : [];
    if (!topic || !original || !event || event.id !== original.eventId) {
      this.logger.error(`Re-drive ${request.id}: its dead letter or the original event is not in the store; nothing to deliver.`);
      return;
    }
    const routes = this.routes.ofConsumer(consumer).get(topic);
    if (!routes) {
      this.logger.warn(`Re-drive ${request.id}: consumer ${consumer} no longer handles ${topic}; nothing to deliver to.`);
      return;
    }
    await this.deliver(consumer, topic, routes, event, request.id);
  }
}

/** `lastri.<context>.events` → the context whose streams stand in for that topic. */
export function contextOfTopic(topic: string): EventContext {
  const context = EVENT_CONTEXTS.find((candidate) => EVENT_TOPICS[candidate] === topic);
  if (!context) {
    throw new EventConsumerDefinitionError(
      `Embedded mode maps only the contexts' event topics (${Object.values(EVENT_TOPICS).join(', ')}) to the store; ${JSON.stringify(topic)} is none of them.`,
    );
  }
  return context;
}
