/**
 * The notification service (distributed mode): residents' messages and partner agencies'
 * webhooks over HTTP, two consumers on Kafka — `<prefix>.notification` (the moments a resident is
 * told about, from the intake, eligibility and referral topics) and `<prefix>.partner-delivery`
 * (referral events for the agencies' webhooks and partner topics), each with its own group so that
 * one falling behind does not hold the other back — and the relay that publishes the
 * `notification-` streams to `lastri.notification.events`.
 */
import 'reflect-metadata';

import { AuthModule } from '@lastri/auth';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@lastri/event-store';
import { EventRelay, KafkaEventTransport, listenWithEventTransport } from '@lastri/messaging';
import { NOTIFICATION_CONSUMER, NotificationModule, PARTNER_DELIVERY_CONSUMER } from '@lastri/notification';
import { HealthModule, ReadinessProbes, configureHttpHost, loadConfigOrExit } from '@lastri/service-host';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { loadNotificationServiceConfig, type NotificationServiceConfig } from './config';

const CLIENT_ID = 'lastri-notification';

@Module({})
class NotificationServiceModule {
  static forConfig(config: NotificationServiceConfig): DynamicModule {
    return {
      module: NotificationServiceModule,
      imports: [
        EventStoreModule.forRoot({ url: config.eventStoreUrl }),
        AuthModule.forRoot(config.auth),
        NotificationModule.forRoot({ channels: config.channels, webhooks: { kafkaBrokers: config.kafkaBrokers } }),
        HealthModule,
      ],
      providers: [
        {
          // Starts on application bootstrap and stops on shutdown (its own lifecycle hooks).
          provide: EventRelay,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new EventRelay({ store, kafka: { clientId: CLIENT_ID, brokers: config.kafkaBrokers }, context: 'notification' }),
        },
      ],
    };
  }
}

async function main(): Promise<void> {
  const logger = new Logger('notification');
  const config = loadConfigOrExit(() => loadNotificationServiceConfig(process.env), logger, 'The notification service');

  const app = await NestFactory.create<NestExpressApplication>(NotificationServiceModule.forConfig(config), { bufferLogs: true });
  configureHttpHost(app, 'LASTRI notification API', { rateLimitPerMinute: config.rateLimitPerMinute });
  const transports = [NOTIFICATION_CONSUMER, PARTNER_DELIVERY_CONSUMER].map(
    (consumer) => new KafkaEventTransport({ consumer, groupPrefix: config.kafkaGroupPrefix, brokers: config.kafkaBrokers, clientId: `${CLIENT_ID}-${consumer}` }),
  );
  app.get(ReadinessProbes).add(app.get(EventRelay), ...transports);
  await listenWithEventTransport(app, transports, config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log(`Notification listening on ${url} — API docs ${url}/docs, health ${url}/health`);
  const channels = [config.channels.smtpUrl && 'e-mail', config.channels.smsGatewayUrl && 'SMS/WhatsApp'].filter(Boolean);
  logger.log(`Channels: ${channels.length > 0 ? channels.join(', ') : 'none configured (messages are recorded as skipped)'}`);
}

void main();
