/**
 * How a service that consumes other contexts' events runs (eligibility, referral, notification):
 * its context module over HTTP beside the event store, authentication and health; one Kafka
 * consumer (group `<prefix>.<consumer>`) per consumer name; and the relay that publishes its own
 * streams to `lastri.<context>.events`. Each service's main.ts only names these.
 */
import { AuthModule } from '@lastri/auth';
import type { EventContext } from '@lastri/contracts';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@lastri/event-store';
import { EventRelay, KafkaEventTransport, listenWithEventTransport } from '@lastri/messaging';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import type { ConsumerServiceConfig } from './config/consumer-service-config';
import { HealthModule } from './health/health.module';
import { ReadinessProbes } from './health/readiness';
import { configureHttpHost } from './http-host';

export interface ConsumerService {
  /** The context it hosts and relays: `lastri.<context>.events`, client id `lastri-<context>`. */
  readonly context: EventContext;
  readonly contextModule: DynamicModule;
  /** Its consumers' names (@EventConsumer), one Kafka group each. */
  readonly consumers: readonly string[];
  readonly config: ConsumerServiceConfig;
  /** Lines to log once it listens, after where it listens. */
  readonly saying?: readonly string[];
}

@Module({})
class ConsumerServiceModule {
  static of({ context, contextModule, config }: ConsumerService): DynamicModule {
    return {
      module: ConsumerServiceModule,
      imports: [EventStoreModule.forRoot({ url: config.eventStoreUrl }), AuthModule.forRoot(config.auth), contextModule, HealthModule],
      providers: [
        {
          // Starts on application bootstrap and stops on shutdown (its own lifecycle hooks).
          provide: EventRelay,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => new EventRelay({ store, kafka: { clientId: `lastri-${context}`, brokers: config.kafkaBrokers }, context }),
        },
      ],
    };
  }
}

export async function runConsumerService(service: ConsumerService): Promise<void> {
  const { context, consumers, config } = service;
  const logger = new Logger(context);
  const app = await NestFactory.create<NestExpressApplication>(ConsumerServiceModule.of(service), { bufferLogs: true });
  configureHttpHost(app, `LASTRI ${context} API`, { rateLimitPerMinute: config.rateLimitPerMinute });
  const transports = consumers.map(
    (consumer) =>
      new KafkaEventTransport({
        consumer,
        groupPrefix: config.kafkaGroupPrefix,
        brokers: config.kafkaBrokers,
        clientId: consumers.length === 1 ? `lastri-${context}` : `lastri-${context}-${consumer}`,
      }),
  );
  app.get(ReadinessProbes).add(app.get(EventRelay), ...transports);
  await listenWithEventTransport(app, transports, config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log(`${context[0].toUpperCase()}${context.slice(1)} listening on ${url} — API docs ${url}/docs, health ${url}/health`);
  for (const line of service.saying ?? []) logger.log(line);
}
