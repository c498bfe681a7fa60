/**
 * The notification service's configuration: read once from the environment at start and
 * validated (the variables every consuming service reads, `loadConsumerServiceConfig`), plus its
 * channels: SMTP_URL, NOTIFICATION_MAIL_FROM, SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN (a channel without
 * configuration is absent: its messages are recorded as skipped). Partner webhooks read
 * WEBHOOK_ALLOW_PRIVATE_TARGETS themselves (default: private and loopback targets refused).
 */
import type { Env } from '@lastri/auth';
import { loadNotificationChannelsConfig, type NotificationChannelsConfig } from '@lastri/notification';
import { loadConsumerServiceConfig, type ConsumerServiceConfig } from '@lastri/service-host';

export const DEFAULT_PORT = 3004;

export interface NotificationServiceConfig extends ConsumerServiceConfig {
  channels: NotificationChannelsConfig;
}

export function loadNotificationServiceConfig(env: Env): NotificationServiceConfig {
  const settings = loadConsumerServiceConfig(env, {
    port: DEFAULT_PORT,
    eventStoreHint: 'the store the other contexts write to (postgres://…, kurrentdb://…, or sqlite:<path> on one machine).',
    brokersHint: 'comma-separated host:port of the Kafka brokers carrying the intake, eligibility and referral events.',
  });
  return { ...settings, channels: loadNotificationChannelsConfig(env as NodeJS.ProcessEnv) };
}
