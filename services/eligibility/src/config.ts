/**
 * The eligibility service's configuration: read once from the environment at start and
 * validated. Every problem is reported, each naming its variable, and the process stops; the
 * service never runs half-configured. It needs Kafka: it exists to consume intake's events from
 * `lastri.intake.events` (standalone mode runs the same module on the embedded transport).
 */
import { loadAuthConfig, type AuthConfig, type Env } from '@lastri/auth';
import { DEFAULT_GROUP_PREFIX, validGroupPrefix } from '@lastri/messaging';
import { collectConfig, readEventStoreUrl, readHost, readKafkaBrokers, readPort, readRateLimitPerMinute } from '@lastri/service-host';

export const DEFAULT_PORT = 3002;

export interface EligibilityServiceConfig {
  eventStoreUrl: string;
  kafkaBrokers: string[];
  /** KAFKA_GROUP_PREFIX: its consumer's group is `<prefix>.eligibility` (default `lastri`). */
  kafkaGroupPrefix: string;
  host: string;
  port: number;
  /** RATE_LIMIT_PER_MINUTE: requests per client address per minute before 429. */
  rateLimitPerMinute: number;
  auth: AuthConfig;
}

export function loadEligibilityServiceConfig(env: Env): EligibilityServiceConfig {
  const settings = collectConfig({
    eventStoreUrl: [
      'EVENT_STORE_URL',
      () =>
        readEventStoreUrl(env, {
          required:
            'the store intake writes to (postgres://…, kurrentdb://…, or sqlite:<path> on one machine).',
        }),
    ],
    kafkaBrokers: [
      'KAFKA_BROKERS',
      () =>
        readKafkaBrokers(env, {
          required: 'comma-separated host:port of the Kafka brokers carrying lastri.intake.events.',
        }),
    ],
    kafkaGroupPrefix: ['KAFKA_GROUP_PREFIX', () => validGroupPrefix(env.KAFKA_GROUP_PREFIX?.trim() || DEFAULT_GROUP_PREFIX)],
    port: ['PORT', () => readPort(env, DEFAULT_PORT)],
    rateLimitPerMinute: ['RATE_LIMIT_PER_MINUTE', () => readRateLimitPerMinute(env)],
    auth: ['AUTH_JWT_SECRET', () => loadAuthConfig(env)],
  });
  return { ...settings, host: readHost(env) };
}
