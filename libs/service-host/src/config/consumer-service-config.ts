/**
 * The configuration of a service that consumes other contexts' events from Kafka (eligibility,
 * referral, …): they read the same variables the same way, so one reader serves them all. Every
 * problem is reported at once, each naming its variable, and the process stops.
 */
import { loadAuthConfig, type AuthConfig, type Env } from '@lastri/auth';
import { DEFAULT_GROUP_PREFIX, validGroupPrefix } from '@lastri/messaging';

import { readEventStoreUrl, readHost, readKafkaBrokers, readPort } from './common-settings';
import { collectConfig } from './config-problems';
import { readRateLimitPerMinute } from '../http/rate-limit';

export interface ConsumerServiceConfig {
  eventStoreUrl: string;
  kafkaBrokers: string[];
  /** KAFKA_GROUP_PREFIX: the consumer's group is `<prefix>.<context>` (default `lastri`). */
  kafkaGroupPrefix: string;
  host: string;
  port: number;
  /** RATE_LIMIT_PER_MINUTE: requests per client address per minute before 429. */
  rateLimitPerMinute: number;
  auth: AuthConfig;
}

export interface ConsumerServiceDefaults {
  readonly port: number;
  /** Completes "EVENT_STORE_URL is required: …". */
  readonly eventStoreHint: string;
  /** Completes "KAFKA_BROKERS is required: …". */
  readonly brokersHint: string;
}

export function loadConsumerServiceConfig(env: Env, defaults: ConsumerServiceDefaults): ConsumerServiceConfig {
  const settings = collectConfig({
    eventStoreUrl: ['EVENT_STORE_URL', () => readEventStoreUrl(env, { required: defaults.eventStoreHint })],
    kafkaBrokers: ['KAFKA_BROKERS', () => readKafkaBrokers(env, { required: defaults.brokersHint })],
    kafkaGroupPrefix: ['KAFKA_GROUP_PREFIX', () => validGroupPrefix(env.KAFKA_GROUP_PREFIX?.trim() || DEFAULT_GROUP_PREFIX)],
    port: ['PORT', () => readPort(env, defaults.port)],
    rateLimitPerMinute: ['RATE_LIMIT_PER_MINUTE', () => readRateLimitPerMinute(env)],
    auth: ['AUTH_JWT_SECRET', () => loadAuthConfig(env)],
  });
  return { ...settings, host: readHost(env) };
}
