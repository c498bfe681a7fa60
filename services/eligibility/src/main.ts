/**
 * The eligibility service (distributed mode): the eligibility context over HTTP, its consumer of
 * `lastri.intake.events` on Kafka (group `lastri.eligibility`, dead letters to
 * `lastri.eligibility.dlq`), and the relay that publishes the `eligibility-` streams to
 * `lastri.eligibility.events`.
 */
import 'reflect-metadata';

import { AuthModule } from '@lastri/auth';
import { ELIGIBILITY_CONSUMER, EligibilityModule } from '@lastri/eligibility';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@lastri/event-store';
import { EventRelay, KafkaEventTransport, listenWithEventTransport } from '@lastri/messaging';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { HealthModule, ReadinessProbes, configureHttpHost, loadConfigOrExit } from '@lastri/service-host';

import { loadEligibilityServiceConfig, type EligibilityServiceConfig } from './config';

const CLIENT_ID = 'lastri-eligibility';

@Module({})
class EligibilityServiceModule {
  static forConfig(config: EligibilityServiceConfig): DynamicModule {
    return {
      module: EligibilityServiceModule,
      imports: [EventStoreModule.forRoot({ url: config.eventStoreUrl }), AuthModule.forRoot(config.auth), EligibilityModule.forRoot(), HealthModule],
      providers: [
        {
          // Starts on application bootstrap and stops on shutdown (its own lifecycle hooks).
          provide: EventRelay,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new EventRelay({ store, kafka: { clientId: CLIENT_ID, brokers: config.kafkaBrokers }, context: 'eligibility' }),
        },
      ],
    };
  }
}

async function main(): Promise<void> {
  const logger = new Logger('eligibility');
  const config = loadConfigOrExit(() => loadEligibilityServiceConfig(process.env), logger, 'The eligibility service');

  const app = await NestFactory.create<NestExpressApplication>(EligibilityServiceModule.forConfig(config), { bufferLogs: true });
  configureHttpHost(app, 'LASTRI eligibility API', { rateLimitPerMinute: config.rateLimitPerMinute });
  const transport = new KafkaEventTransport({
    consumer: ELIGIBILITY_CONSUMER,
    groupPrefix: config.kafkaGroupPrefix,
    brokers: config.kafkaBrokers,
    clientId: CLIENT_ID,
  });
  app.get(ReadinessProbes).add(app.get(EventRelay), transport);
  await listenWithEventTransport(app, transport, config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log(`Eligibility listening on ${url} — API docs ${url}/docs, health ${url}/health`);
  logger.log(`Consuming lastri.intake.events and relaying eligibility events through Kafka at ${config.kafkaBrokers.join(',')}`);
}

void main();
