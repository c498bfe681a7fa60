/**
 * decide(command, state) → events | refusal. A notification is requested (or skipped, with the
 * reason) once per source event; each attempt to send it is recorded as Sent or Failed, a
 * temporary failure retried with exponential back-off until the attempts run out (GaveUp).
 */
import { assertNever, type Decider } from '@lastri/kernel';

import { backOffMs } from './delivery/back-off';
import type { NotificationCommand, RecordAttempt, RequestNotification, SetPreference } from './notification.commands';
import { isNotificationError, refuse, type NotificationError } from './notification.errors';
import type { NotificationEvent } from './notification.events';
import { evolve, initialState, type NotificationState } from './notification.state';

export function decide(command: NotificationCommand, state: NotificationState): NotificationEvent[] | NotificationError {
  switch (command.type) {
    case 'RequestNotification':
      return request(command.data, state);
    case 'RecordAttempt':
      return recordAttempt(command.data, state);
    case 'SetPreference':
      return setPreference(command.data, state);
    default:
      return assertNever(command, 'notification command');
  }
}

export const notificationDecider: Decider<NotificationCommand, NotificationEvent, NotificationState, NotificationError> = {
  initialState,
  evolve,
  decide,
};

export { isNotificationError };

function request(data: RequestNotification['data'], state: NotificationState): NotificationEvent[] {
  // The same moment delivered again (a redelivery, a replay of the whole log) is already here.
  const already = [...state.notifications.values()].some(
    (record) => record.notificationId === data.notificationId || record.sourceEventId === data.sourceEventId,
  );
  if (already) return [];
  const { delivery } = data;
  const base = { notificationId: data.notificationId, sourceEventId: data.sourceEventId, sourceEventType: data.sourceEventType, template: data.template };
  if (delivery.kind === 'skip') {
    return [{ type: 'NotificationSkipped', data: { ...base, reason: delivery.reason, detail: delivery.detail, skippedAt: data.at } }];
  }
  return [
    {
      type: 'NotificationRequested',
      data: {
        ...base,
        channel: delivery.channel,
        recipient: delivery.recipient,
        locale: 'id',
        ...(delivery.subject !== undefined ? { subject: delivery.subject } : {}),
        text: delivery.text,
        requestedAt: data.at,
      },
    },
  ];
}

function recordAttempt(data: RecordAttempt['data'], state: NotificationState): NotificationEvent[] | NotificationError {
  const record = state.notifications.get(data.notificationId);
  if (!record || record.channel === undefined) return refuse.notificationNotFound(data.notificationId);
  if (record.status !== 'PENDING') return refuse.notificationNotPending(data.notificationId, record.status);
  if (data.attempt !== record.attempts + 1) return refuse.attemptOutOfOrder(data.notificationId, data.attempt, record.attempts + 1);
  const { notificationId, attempt, result, policy, at } = data;
  const channel = record.channel;
  if (result.ok) {
    return [{ type: 'NotificationSent', data: { notificationId, channel, attempt, sentAt: at, ...(result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}) } }];
  }
  const error = { errorCode: result.errorCode, ...(result.errorMessage ? { errorMessage: result.errorMessage.slice(0, 1000) } : {}) };
  const willRetry = result.retryable && attempt < policy.maxAttempts;
  if (willRetry) {
    const nextAttemptAt = new Date(Date.parse(at) + backOffMs(policy, attempt)).toISOString();
    return [{ type: 'NotificationFailed', data: { notificationId, channel, failedAt: at, attempt, ...error, willRetry, nextAttemptAt } }];
  }
  const failed: NotificationEvent = { type: 'NotificationFailed', data: { notificationId, channel, failedAt: at, attempt, ...error, willRetry } };
  if (!result.retryable) return [failed];
  return [failed, { type: 'NotificationGaveUp', data: { notificationId, channel, attempts: attempt, lastErrorCode: result.errorCode, gaveUpAt: at } }];
}

function setPreference(data: SetPreference['data'], state: NotificationState): NotificationEvent[] {
  if (state.preference === data.channel) return [];
  return [{ type: 'NotificationPreferenceSet', data: { channel: data.channel, setBy: data.setBy, setAt: data.at } }];
}
