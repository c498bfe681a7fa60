/**
 * The intake service (distributed mode): the intake context over HTTP and, when KAFKA_BROKERS is
 * set, the relay that publishes intake's events from the store to `lastri.intake.events`.
 */
import 'reflect-metadata';

import { AuthModule } from '@lastri/auth';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@lastri/event-store';
import { IntakeModule } from '@lastri/intake';
import { EventRelay } from '@lastri/messaging';
import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { loadIntakeServiceConfig, type IntakeServiceConfig } from './config';
import { HealthModule, ReadinessProbes, configureHttpHost, loadConfigOrExit } from '@lastri/service-host';

@Module({})
class IntakeServiceModule {
  static forConfig(config: IntakeServiceConfig): DynamicModule {
    return {
      module: IntakeServiceModule,
      imports: [
        EventStoreModule.forRoot({ url: config.eventStoreUrl }),
        AuthModule.forRoot(config.auth),
        IntakeModule.forRoot({ nikPepper: config.nikPepper }),
        HealthModule,
      ],
      providers: config.kafkaBrokers ? [relayProvider(config.kafkaBrokers)] : [],
    };
  }
}

/** The relay starts on application bootstrap and stops on shutdown (its own lifecycle hooks). */
function relayProvider(brokers: string[]): Provider {
  return {
    provide: EventRelay,
    inject: [EVENT_STORE],
    useFactory: (store: EventStore) =>
      new EventRelay({
        store,
        kafka: { clientId: 'lastri-intake', brokers },
        context: 'intake',
      }),
  };
}

async function main(): Promise<void> {
  const logger = new Logger('intake');
  const config = loadConfigOrExit(() => loadIntakeServiceConfig(process.env), logger, 'The intake service');
  if (config.insecureDevelopmentPepper) {
    logger.warn('INTAKE_NIK_PEPPER is not set: using the PUBLIC development pepper (LASTRI_DEV=1). Never with real residents.');
  }

  const app = await NestFactory.create<NestExpressApplication>(IntakeServiceModule.forConfig(config), { bufferLogs: true });
  configureHttpHost(app, 'LASTRI intake API', { rateLimitPerMinute: config.rateLimitPerMinute });
  if (config.kafkaBrokers) app.get(ReadinessProbes).add(app.get(EventRelay));
  await app.listen(config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log(`Intake listening on ${url} — API docs ${url}/docs, health ${url}/health`);
  logger.log(config.kafkaBrokers ? `Relaying intake events to Kafka at ${config.kafkaBrokers.join(',')}` : 'KAFKA_BROKERS not set: no relay to Kafka.');
}

void main();
