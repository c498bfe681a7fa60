/**
 * The intake service's configuration: read once from the environment at start and validated.
 * Every problem is reported, each naming its variable, and the process stops; a service never
 * runs half-configured.
 */
import { loadAuthConfig, type AuthConfig, type Env } from '@lastri/auth';
import { INTAKE_ENV, loadNikPepper } from '@lastri/intake';
import { collectConfig, readEventStoreUrl, readHost, readKafkaBrokers, readPort, readRateLimitPerMinute } from '@lastri/service-host';

export const DEFAULT_PORT = 3000;

export interface IntakeServiceConfig {
  eventStoreUrl: string;
  host: string;
  port: number;
  /** RATE_LIMIT_PER_MINUTE: requests per client address per minute before 429. */
  rateLimitPerMinute: number;
  auth: AuthConfig;
  /** Set: the relay publishes intake's events to Kafka. Absent: no relay. */
  kafkaBrokers?: string[];
  nikPepper: string;
  /** True when the built-in development pepper is used (LASTRI_DEV=1 and none set). */
  insecureDevelopmentPepper: boolean;
}

export function loadIntakeServiceConfig(env: Env): IntakeServiceConfig {
  const { eventStoreUrl, port, rateLimitPerMinute, auth, kafkaBrokers, pepper } = collectConfig({
    eventStoreUrl: [
      'EVENT_STORE_URL',
      () => readEventStoreUrl(env, { required: 'sqlite:<path>, postgres://… or kurrentdb://…' }),
    ],
    port: ['PORT', () => readPort(env, DEFAULT_PORT)],
    rateLimitPerMinute: ['RATE_LIMIT_PER_MINUTE', () => readRateLimitPerMinute(env)],
    auth: ['AUTH_JWT_SECRET', () => loadAuthConfig(env)],
    kafkaBrokers: ['KAFKA_BROKERS', () => readKafkaBrokers(env)],
    pepper: [INTAKE_ENV.nikPepper, () => loadNikPepper(env)],
  });
  return {
    eventStoreUrl,
    host: readHost(env),
    port,
    rateLimitPerMinute,
    auth,
    ...(kafkaBrokers && { kafkaBrokers }),
    nikPepper: pepper.nikPepper,
    insecureDevelopmentPepper: pepper.insecureDevelopmentDefault,
  };
}
