/**
 * The eligibility service's configuration: read once from the environment at start and
 * validated (the variables every consuming service reads, `loadConsumerServiceConfig`). It needs
 * Kafka: it exists to consume intake's events from `lastri.intake.events` (standalone mode runs
 * the same module on the embedded transport).
 */
import type { Env } from '@lastri/auth';
import { loadConsumerServiceConfig, type ConsumerServiceConfig } from '@lastri/service-host';

export const DEFAULT_PORT = 3002;

export type EligibilityServiceConfig = ConsumerServiceConfig;

export function loadEligibilityServiceConfig(env: Env): EligibilityServiceConfig {
  return loadConsumerServiceConfig(env, {
    port: DEFAULT_PORT,
    eventStoreHint: 'the store intake writes to (postgres://…, kurrentdb://…, or sqlite:<path> on one machine).',
    brokersHint: 'comma-separated host:port of the Kafka brokers carrying lastri.intake.events.',
  });
}
