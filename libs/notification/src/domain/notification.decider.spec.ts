import { DeciderSpecification } from '@lastri/decider/src/testing';

import type { RecordAttempt, RequestNotification, RetryPolicy } from './notification.commands';
import { notificationDecider } from './notification.decider';
import type { NotificationEvent } from './notification.events';

const spec = DeciderSpecification.for(notificationDecider);

const NOTIFICATION = '7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e1f';
const SOURCE = 'e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b';
const AT = '2025-11-12T07:00:05.000Z';
const POLICY: RetryPolicy = { maxAttempts: 3, firstDelayMs: 60_000, maxDelayMs: 90_000 };

function request(delivery: RequestNotification['data']['delivery'], overrides: Partial<RequestNotification['data']> = {}): RequestNotification {
  return { type: 'RequestNotification', data: { notificationId: NOTIFICATION, sourceEventId: SOURCE, sourceEventType: 'CaseSubmitted', template: 'case-received', delivery, at: AT, ...overrides } };
}

const bySms = request({ kind: 'deliver', channel: 'SMS', recipient: { name: 'Siti Aminah', phone: '+6281234567890' }, text: 'Permohonan diterima.' });

const requested: NotificationEvent = {
  type: 'NotificationRequested',
  data: {
    notificationId: NOTIFICATION,
    sourceEventId: SOURCE,
    sourceEventType: 'CaseSubmitted',
    template: 'case-received',
    channel: 'SMS',
    recipient: { name: 'Siti Aminah', phone: '+6281234567890' },
    locale: 'id',
    text: 'Permohonan diterima.',
    requestedAt: AT,
  },
};

function attempt(n: number, result: RecordAttempt['data']['result'], at = AT): RecordAttempt {
  return { type: 'RecordAttempt', data: { notificationId: NOTIFICATION, attempt: n, result, policy: POLICY, at } };
}

const unavailable = { ok: false, retryable: true, errorCode: 'PROVIDER_UNAVAILABLE', errorMessage: 'HTTP 503' } as const;

function failed(n: number, willRetry: boolean, nextAttemptAt?: string): NotificationEvent {
  return {
    type: 'NotificationFailed',
    data: { notificationId: NOTIFICATION, channel: 'SMS', failedAt: AT, attempt: n, errorCode: 'PROVIDER_UNAVAILABLE', errorMessage: 'HTTP 503', willRetry, ...(nextAttemptAt ? { nextAttemptAt } : {}) },
  };
}

describe('notification decider', () => {
  it('requests the message of a moment once: the same source event again decides nothing', () => {
    spec.given().when(bySms).thenEmits(requested);
    spec.given(requested).when(bySms).thenEmits();
    spec.given(requested).when(request(bySms.data.delivery, { notificationId: 'another-id' })).thenEmits();
  });

  it('records a moment without a channel as skipped, with the reason, and never sends it', () => {
    const skip = request({ kind: 'skip', reason: 'NO_CONSENT', detail: 'Tidak ada persetujuan.' });
    const skipped: NotificationEvent = {
      type: 'NotificationSkipped',
      data: { notificationId: NOTIFICATION, sourceEventId: SOURCE, sourceEventType: 'CaseSubmitted', template: 'case-received', reason: 'NO_CONSENT', detail: 'Tidak ada persetujuan.', skippedAt: AT },
    };
    spec.given().when(skip).thenEmits(skipped);
    spec.given(skipped).when(attempt(1, { ok: true })).thenRefuses((refusal) => refusal.type === 'NotificationNotFound');
  });

  it('records a sent attempt, after which nothing more is sent', () => {
    const sent: NotificationEvent = { type: 'NotificationSent', data: { notificationId: NOTIFICATION, channel: 'SMS', attempt: 1, sentAt: AT, providerMessageId: 'gw-1' } };
    spec.given(requested).when(attempt(1, { ok: true, providerMessageId: 'gw-1' })).thenEmits(sent);
    spec.given(requested, sent).when(attempt(2, { ok: true })).thenRefuses((refusal) => refusal.type === 'NotificationNotPending' && refusal.status === 'SENT');
  });

  it('retries a temporary failure after a back-off that doubles, capped', () => {
    spec.given(requested).when(attempt(1, unavailable)).thenEmits(failed(1, true, '2025-11-12T07:01:05.000Z'));
    spec.given(requested, failed(1, true, '2025-11-12T07:01:05.000Z')).when(attempt(2, unavailable)).thenEmits(failed(2, true, '2025-11-12T07:01:35.000Z'));
  });

  it('gives up when the last attempt fails too', () => {
    spec
      .given(requested, failed(1, true, AT), failed(2, true, AT))
      .when(attempt(3, unavailable))
      .thenEmits(failed(3, false), {
        type: 'NotificationGaveUp',
        data: { notificationId: NOTIFICATION, channel: 'SMS', attempts: 3, lastErrorCode: 'PROVIDER_UNAVAILABLE', gaveUpAt: AT },
      });
  });

  it('does not retry a message the provider refused', () => {
    const rejected = { ok: false, retryable: false, errorCode: 'REJECTED', errorMessage: 'HTTP 400' } as const;
    const decision = spec.given(requested).when(attempt(1, rejected)).decision as NotificationEvent[];
    expect(decision.map((event) => [event.type, (event.data as { willRetry?: boolean }).willRetry])).toEqual([['NotificationFailed', false]]);
  });

  it('refuses to record an attempt twice: a second dispatcher’s record of the same attempt', () => {
    spec
      .given(requested, failed(1, true, AT))
      .when(attempt(1, { ok: true }))
      .thenRefuses({
        type: 'AttemptOutOfOrder',
        kind: 'conflict',
        notificationId: NOTIFICATION,
        attempt: 1,
        expected: 2,
        message: `Percobaan ke-1 pemberitahuan ${NOTIFICATION} tidak berurutan (seharusnya ke-2).`,
      });
  });

  it('records a new channel preference, and nothing when it is the same', () => {
    const set: NotificationEvent = { type: 'NotificationPreferenceSet', data: { channel: 'WHATSAPP', setBy: 'caseworker:budi', setAt: AT } };
    spec.given().when({ type: 'SetPreference', data: { channel: 'WHATSAPP', setBy: 'caseworker:budi', at: AT } }).thenEmits(set);
    spec.given(set).when({ type: 'SetPreference', data: { channel: 'WHATSAPP', setBy: 'caseworker:sri', at: AT } }).thenEmits();
  });
});
