import type {
  NotificationFailedV1Data,
  NotificationGaveUpV1Data,
  NotificationPreferenceSetV1Data,
  NotificationRequestedV1Data,
  NotificationSentV1Data,
  NotificationSkippedV1Data,
} from '@lastri/contracts';

/** The events of a `notification-<residentId>` stream, at their latest schema versions. */
export type NotificationEvent =
  | { readonly type: 'NotificationRequested'; readonly data: NotificationRequestedV1Data }
  | { readonly type: 'NotificationSent'; readonly data: NotificationSentV1Data }
  | { readonly type: 'NotificationFailed'; readonly data: NotificationFailedV1Data }
  | { readonly type: 'NotificationGaveUp'; readonly data: NotificationGaveUpV1Data }
  | { readonly type: 'NotificationSkipped'; readonly data: NotificationSkippedV1Data }
  | { readonly type: 'NotificationPreferenceSet'; readonly data: NotificationPreferenceSetV1Data };

export type NotificationEventType = NotificationEvent['type'];

export const NOTIFICATION_EVENT_TYPES: readonly NotificationEventType[] = [
  'NotificationRequested',
  'NotificationSent',
  'NotificationFailed',
  'NotificationGaveUp',
  'NotificationSkipped',
  'NotificationPreferenceSet',
];

/** A channel a message can go over. */
export type Channel = NotificationRequestedV1Data['channel'];
export const CHANNELS: readonly Channel[] = ['EMAIL', 'SMS', 'WHATSAPP'];

/** What a caseworker can record as the resident's wish: a channel, or no messages. */
export type ChannelPreference = NotificationPreferenceSetV1Data['channel'];
export const CHANNEL_PREFERENCES: readonly ChannelPreference[] = ['EMAIL', 'SMS', 'WHATSAPP', 'NONE'];

export type SkipReason = NotificationSkippedV1Data['reason'];
export type Recipient = NotificationRequestedV1Data['recipient'];
