/**
 * The referral service (distributed mode): the referral context over HTTP (caseworkers,
 * supervisors, partner agencies), its consumer of `lastri.eligibility.events` and
 * `lastri.intake.events` on Kafka (group `<prefix>.referral`, dead letters to
 * `lastri.referral.dlq`), its deadline scheduler, and the relay that publishes the `referral-`
 * streams to `lastri.referral.events`.
 */
import 'reflect-metadata';

import { AuthModule } from '@lastri/auth';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@lastri/event-store';
import { EventRelay, KafkaEventTransport, listenWithEventTransport } from '@lastri/messaging';
import { REFERRAL_CONSUMER, ReferralModule } from '@lastri/referral';
import { HealthModule, ReadinessProbes, configureHttpHost, loadConfigOrExit } from '@lastri/service-host';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { loadReferralServiceConfig, type ReferralServiceConfig } from './config';

const CLIENT_ID = 'lastri-referral';

@Module({})
class ReferralServiceModule {
  static forConfig(config: ReferralServiceConfig): DynamicModule {
    return {
      module: ReferralServiceModule,
      imports: [EventStoreModule.forRoot({ url: config.eventStoreUrl }), AuthModule.forRoot(config.auth), ReferralModule.forRoot(), HealthModule],
      providers: [
        {
          // Starts on application bootstrap and stops on shutdown (its own lifecycle hooks).
          provide: EventRelay,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new EventRelay({ store, kafka: { clientId: CLIENT_ID, brokers: config.kafkaBrokers }, context: 'referral' }),
        },
      ],
    };
  }
}

async function main(): Promise<void> {
  const logger = new Logger('referral');
  const config = loadConfigOrExit(() => loadReferralServiceConfig(process.env), logger, 'The referral service');

  const app = await NestFactory.create<NestExpressApplication>(ReferralServiceModule.forConfig(config), { bufferLogs: true });
  configureHttpHost(app, 'LASTRI referral API', { rateLimitPerMinute: config.rateLimitPerMinute });
  const transport = new KafkaEventTransport({
    consumer: REFERRAL_CONSUMER,
    groupPrefix: config.kafkaGroupPrefix,
    brokers: config.kafkaBrokers,
    clientId: CLIENT_ID,
  });
  app.get(ReadinessProbes).add(app.get(EventRelay), transport);
  await listenWithEventTransport(app, transport, config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log(`Referral listening on ${url} — API docs ${url}/docs, health ${url}/health`);
  logger.log(`Consuming lastri.eligibility.events and lastri.intake.events, relaying referral events through Kafka at ${config.kafkaBrokers.join(',')}`);
}

void main();
