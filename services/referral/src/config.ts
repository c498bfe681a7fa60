/**
 * The referral service's configuration: read once from the environment at start and validated
 * (the variables every consuming service reads, `loadConsumerServiceConfig`). It needs Kafka: it
 * consumes eligibility's decisions (`lastri.eligibility.events`) and intake's withdrawals
 * (`lastri.intake.events`); standalone mode runs the same module on the embedded transport.
 */
import type { Env } from '@lastri/auth';
import { loadConsumerServiceConfig, type ConsumerServiceConfig } from '@lastri/service-host';

export const DEFAULT_PORT = 3003;

export type ReferralServiceConfig = ConsumerServiceConfig;

export function loadReferralServiceConfig(env: Env): ReferralServiceConfig {
  return loadConsumerServiceConfig(env, {
    port: DEFAULT_PORT,
    eventStoreHint: 'the store intake and eligibility write to (postgres://…, kurrentdb://…, or sqlite:<path> on one machine).',
    brokersHint: 'comma-separated host:port of the Kafka brokers carrying lastri.eligibility.events and lastri.intake.events.',
  });
}
