/**
 * The channels a deployment configures, from its environment: e-mail when SMTP_URL is set (from
 * NOTIFICATION_MAIL_FROM), SMS and WhatsApp when SMS_GATEWAY_URL is set. A channel not
 * configured is absent, and a message that would need it is recorded as skipped.
 */
import type { NotificationChannels } from '../application/channels';
import { HttpGatewayChannel } from './http-gateway.channel';
import { SmtpEmailChannel } from './smtp-email.channel';

export interface NotificationChannelsConfig {
  readonly smtpUrl?: string;
  readonly mailFrom?: string;
  readonly smsGatewayUrl?: string;
  readonly smsGatewayToken?: string;
}

export const DEFAULT_MAIL_FROM = '"Dinas Sosial Kota Pasuruan" <noreply@dinsos.pasuruankota.go.id>';

export function loadNotificationChannelsConfig(env: NodeJS.ProcessEnv = process.env): NotificationChannelsConfig {
  return {
    ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
    ...(env.NOTIFICATION_MAIL_FROM ? { mailFrom: env.NOTIFICATION_MAIL_FROM } : {}),
    ...(env.SMS_GATEWAY_URL ? { smsGatewayUrl: env.SMS_GATEWAY_URL } : {}),
    ...(env.SMS_GATEWAY_TOKEN ? { smsGatewayToken: env.SMS_GATEWAY_TOKEN } : {}),
  };
}

export function channelsFromConfig(config: NotificationChannelsConfig): NotificationChannels {
  const gateway = config.smsGatewayUrl ? new HttpGatewayChannel({ url: config.smsGatewayUrl, token: config.smsGatewayToken }) : undefined;
  return {
    ...(config.smtpUrl ? { EMAIL: new SmtpEmailChannel({ url: config.smtpUrl, from: config.mailFrom ?? DEFAULT_MAIL_FROM }) } : {}),
    ...(gateway ? { SMS: gateway, WHATSAPP: gateway } : {}),
  };
}
