/**
 * @lastri/notification: residents told in Bahasa Indonesia on the moments of their case (case
 * received, eligibility outcome with reasons, manual review, referral accepted, declined,
 * completed), by e-mail or SMS/WhatsApp, with their consent and preference respected and each
 * attempt recorded in `notification-<residentId>`.
 */
export { NotificationModule, type NotificationModuleOptions } from './notification.module';
export { NOTIFICATION_CLOCK, NOTIFICATION_CHANNELS, DISPATCH_EVERY_MS } from './api/notification.tokens';
export { NOTIFICATION_CONSUMER, NotificationMomentsConsumer } from './api/events/notification-moments.consumer';
export { DispatchDue } from './application/dispatch/dispatch-due';
export type { ChannelSender, NotificationChannels, OutgoingMessage, SendResult } from './application/channels';
export { channelsFromConfig, loadNotificationChannelsConfig, type NotificationChannelsConfig } from './infrastructure/channels-config';
export { TEMPLATES, renderMoment, type Moment, type RenderedMessage } from './templates';
export { WebhooksModule, type WebhooksModuleOptions } from './webhooks.module';
export { PARTNER_DELIVERY_CONSUMER } from './webhooks/api/partner-delivery.consumer';
