/**
 * LASTRI in one process (docs/architecture.md, Modes: standalone): every context module that exists,
 * one event store (SQLite under ./data by default), the embedded transport in place of Kafka, one
 * port. `npm start` runs this file.
 */
import 'reflect-metadata';

import { AuthModule } from '@lastri/auth';
import { EVENT_STORE, EventStoreModule, withoutCredentials, type EventStore } from '@lastri/event-store';
import { EligibilityModule } from '@lastri/eligibility';
import { IntakeModule } from '@lastri/intake';
import { EmbeddedEventStoreTransport, listenWithEventTransport } from '@lastri/messaging';
import { NotificationModule, loadNotificationChannelsConfig } from '@lastri/notification';
import { ReferralModule } from '@lastri/referral';
import { HealthModule, ReadinessProbes, configureHttpHost, loadConfigOrExit } from '@lastri/service-host';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { loadStandaloneConfig, type StandaloneConfig } from './config';

/** The context modules this process hosts; each context adds itself here as it is built. */
function contextModules(config: StandaloneConfig): DynamicModule[] {
  return [
    IntakeModule.forRoot({ nikPepper: config.nikPepper }),
    EligibilityModule.forRoot(),
    ReferralModule.forRoot(),
    // Channels from SMTP_URL / SMS_GATEWAY_URL when set; without them messages are recorded as skipped.
    NotificationModule.forRoot({ channels: loadNotificationChannelsConfig() }),
  ];
}

@Module({})
class StandaloneModule {
  static forConfig(config: StandaloneConfig): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [EventStoreModule.forRoot({ url: config.eventStoreUrl }), AuthModule.forRoot(config.auth), ...contextModules(config), HealthModule],
    };
  }
}

async function main(): Promise<void> {
  const logger = new Logger('standalone');
  const config = loadConfigOrExit(() => loadStandaloneConfig(process.env), logger, 'LASTRI standalone');
  if (config.developmentDefaults) {
    logger.warn(
      [
        '',
        '  !!! DEVELOPMENT MODE: INSECURE DEFAULTS !!!',
        '  No AUTH_JWT_SECRET / AUTH_JWKS_URL (or no INTAKE_NIK_PEPPER) is set, so this server accepts tokens',
        '  signed with the PUBLIC development secret and keys NIK reservations with a public pepper.',
        `  It listens on ${config.host} only. Never run it like this with real residents' data.`,
        '  Mint a token: npx lastri token --dev --role caseworker --kelurahan 35.75.04.1011 --sub budi --name "Budi"',
        '',
      ].join('\n'),
    );
  }

  const app = await NestFactory.create<NestExpressApplication>(StandaloneModule.forConfig(config), { bufferLogs: true });
  configureHttpHost(app, 'LASTRI API (standalone)', { rateLimitPerMinute: config.rateLimitPerMinute });
  const transport = new EmbeddedEventStoreTransport({ store: app.get<EventStore>(EVENT_STORE) });
  app.get(ReadinessProbes).add(transport);
  await listenWithEventTransport(app, transport, config.port, config.host);

  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log(`LASTRI standalone is listening on ${url} (event store ${withoutCredentials(config.eventStoreUrl)})`);
  logger.log(`API docs: ${url}/docs   health: ${url}/health`);
}

void main();
