/** Injection tokens of the notification module; hosts and tests may provide their own clock or channels. */
export const NOTIFICATION_CLOCK = Symbol('NOTIFICATION_CLOCK');
export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
export const DISPATCH_EVERY_MS = Symbol('DISPATCH_EVERY_MS');
export { NOTIFICATION_DEPENDENCIES } from '../application/notification-dependencies';
