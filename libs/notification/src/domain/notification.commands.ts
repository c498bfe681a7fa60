/** What the notification context is asked to do; every time and id comes in with the command. */
import type { Channel, ChannelPreference, Recipient, SkipReason } from './notification.events';

/** A rendered message over a chosen channel, or why there is none. */
export type Delivery =
  | { readonly kind: 'deliver'; readonly channel: Channel; readonly recipient: Recipient; readonly subject?: string; readonly text: string }
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly detail: string };

export interface RequestNotification {
  readonly type: 'RequestNotification';
  readonly data: {
    readonly notificationId: string;
    readonly sourceEventId: string;
    readonly sourceEventType: string;
    readonly template: string;
    readonly delivery: Delivery;
    readonly at: string;
  };
}

/** What the channel's provider answered. */
export type AttemptResult =
  | { readonly ok: true; readonly providerMessageId?: string }
  | { readonly ok: false; readonly retryable: boolean; readonly errorCode: string; readonly errorMessage?: string };

/** How often and how patiently a temporary failure is retried. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  /** The wait after the first failure; doubled after each further one. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

export interface RecordAttempt {
  readonly type: 'RecordAttempt';
  readonly data: {
    readonly notificationId: string;
    /** 1 for the first attempt: the one after the attempts the stream records. */
    readonly attempt: number;
    readonly result: AttemptResult;
    readonly policy: RetryPolicy;
    readonly at: string;
  };
}

export interface SetPreference {
  readonly type: 'SetPreference';
  readonly data: { readonly channel: ChannelPreference; readonly setBy: string; readonly at: string };
}

export type NotificationCommand = RequestNotification | RecordAttempt | SetPreference;
