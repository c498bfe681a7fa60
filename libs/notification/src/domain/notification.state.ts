/**
 * The notifications of one resident, folded from their `notification-<residentId>` stream, and
 * the channel they asked for. A requested notification is PENDING until sent, refused for good
 * (FAILED) or given up on after its attempts (GAVE_UP); a SKIPPED one was never sent.
 */
import { assertNever } from '@lastri/kernel';

import type { Channel, ChannelPreference, NotificationEvent, Recipient, SkipReason } from './notification.events';

export type NotificationStatus = 'PENDING' | 'SENT' | 'FAILED' | 'GAVE_UP' | 'SKIPPED';
export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['PENDING', 'SENT', 'FAILED', 'GAVE_UP', 'SKIPPED'];

export interface NotificationRecord {
  readonly notificationId: string;
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  readonly template: string;
  readonly status: NotificationStatus;
  readonly createdAt: string;
  readonly channel?: Channel;
  readonly recipient?: Recipient;
  readonly subject?: string;
  readonly text?: string;
  /** Attempts made so far. */
  readonly attempts: number;
  /** When a PENDING notification is due: at once, or after its back-off. */
  readonly nextAttemptAt?: string;
  readonly lastError?: { readonly code: string; readonly message?: string };
  readonly sentAt?: string;
  readonly providerMessageId?: string;
  readonly skipReason?: SkipReason;
  readonly skipDetail?: string;
}

export interface NotificationState {
  /** In the order they were recorded. */
  readonly notifications: ReadonlyMap<string, NotificationRecord>;
  readonly preference?: ChannelPreference;
}

export const initialState: NotificationState = { notifications: new Map() };

export function evolve(state: NotificationState, event: NotificationEvent): NotificationState {
  switch (event.type) {
    case 'NotificationRequested': {
      const { data } = event;
      return add(state, {
        notificationId: data.notificationId,
        sourceEventId: data.sourceEventId,
        sourceEventType: data.sourceEventType,
        template: data.template,
        status: 'PENDING',
        createdAt: data.requestedAt,
        channel: data.channel,
        recipient: data.recipient,
        ...(data.subject !== undefined ? { subject: data.subject } : {}),
        text: data.text,
        attempts: 0,
        nextAttemptAt: data.requestedAt,
      });
    }
    case 'NotificationSkipped': {
      const { data } = event;
      return add(state, {
        notificationId: data.notificationId,
        sourceEventId: data.sourceEventId,
        sourceEventType: data.sourceEventType,
        template: data.template,
        status: 'SKIPPED',
        createdAt: data.skippedAt,
        attempts: 0,
        skipReason: data.reason,
        ...(data.detail !== undefined ? { skipDetail: data.detail } : {}),
      });
    }
    case 'NotificationSent':
      return update(state, event.data.notificationId, () => ({
        status: 'SENT',
        attempts: event.data.attempt,
        sentAt: event.data.sentAt,
        nextAttemptAt: undefined,
        ...(event.data.providerMessageId !== undefined ? { providerMessageId: event.data.providerMessageId } : {}),
      }));
    case 'NotificationFailed':
      return update(state, event.data.notificationId, () => ({
        status: event.data.willRetry ? 'PENDING' : 'FAILED',
        attempts: event.data.attempt,
        nextAttemptAt: event.data.willRetry ? event.data.nextAttemptAt : undefined,
        lastError: { code: event.data.errorCode, ...(event.data.errorMessage !== undefined ? { message: event.data.errorMessage } : {}) },
      }));
    case 'NotificationGaveUp':
      return update(state, event.data.notificationId, () => ({ status: 'GAVE_UP', nextAttemptAt: undefined }));
    case 'NotificationPreferenceSet':
      return { ...state, preference: event.data.channel };
    default:
      return assertNever(event, 'notification event');
  }
}

/** Requested and neither sent nor finished with: what the dispatcher still owes the resident. */
export function isPending(record: NotificationRecord): boolean {
  return record.status === 'PENDING';
}

function add(state: NotificationState, record: NotificationRecord): NotificationState {
  if (state.notifications.has(record.notificationId)) return state;
  const notifications = new Map(state.notifications);
  notifications.set(record.notificationId, record);
  return { ...state, notifications };
}

function update(state: NotificationState, notificationId: string, change: (record: NotificationRecord) => Partial<NotificationRecord>): NotificationState {
  const record = state.notifications.get(notificationId);
  // An outcome of a notification the stream never requested cannot come from this decider; ignore it.
  if (!record) return state;
  const notifications = new Map(state.notifications);
  const changed: NotificationRecord = { ...record, ...change(record) };
  notifications.set(notificationId, changed.nextAttemptAt === undefined ? withoutNextAttempt(changed) : changed);
  return { ...state, notifications };
}

function withoutNextAttempt(record: NotificationRecord): NotificationRecord {
  const { nextAttemptAt: _dropped, ...rest } = record;
  return rest;
}
