/**
 * The notification service (distributed mode): residents' messages and partner agencies'
 * webhooks over HTTP, two consumers on Kafka — `<prefix>.notification` (the moments a resident is
 * told about, from the intake, eligibility and referral topics) and `<prefix>.partner-delivery`
 * (referral events for the agencies' webhooks and partner topics), each with its own group so that
 * one falling behind does not hold the other back — and the relay that publishes the
 * `notification-` streams to `lastri.notification.events`.
 */
import 'reflect-metadata';

import { NOTIFICATION_CONSUMER, NotificationModule, PARTNER_DELIVERY_CONSUMER } from '@lastri/notification';
import { loadConfigOrExit, runConsumerService } from '@lastri/service-host';
import { Logger } from '@nestjs/common';

import { loadNotificationServiceConfig } from './config';

const config = loadConfigOrExit(() => loadNotificationServiceConfig(process.env), new Logger('notification'), 'The notification service');
const channels = [config.channels.smtpUrl && 'e-mail', config.channels.smsGatewayUrl && 'SMS/WhatsApp'].filter(Boolean);
void runConsumerService({
  context: 'notification',
  contextModule: NotificationModule.forRoot({ channels: config.channels, webhooks: { kafkaBrokers: config.kafkaBrokers } }),
  consumers: [NOTIFICATION_CONSUMER, PARTNER_DELIVERY_CONSUMER],
  config,
  saying: [`Channels: ${channels.length > 0 ? channels.join(', ') : 'none configured (messages are recorded as skipped)'}`],
});
