/**
 * Sends what is due and records each attempt: NotificationSent, or NotificationFailed with the
 * next attempt after an exponential back-off, or, once the attempts run out, NotificationGaveUp.
 *
 * The attempt is recorded after the provider answered, as attempt n+1 of the stream read just
 * before sending. Its number is the notification's own expected version: the decider refuses a
 * second record of the same attempt (AttemptOutOfOrder) or of a notification no longer pending,
 * while other appends to the resident's stream (a new moment) only make the handler decide again.
 *
 * At-least-once, and where the "least" ends: a process that stops after the provider accepted a
 * message and before NotificationSent is stored sends it again after the restart, since the
 * stream still says PENDING; there is no way to ask an SMTP server or the gateway "did you get
 * this already?". Two dispatchers on one store could each send the same attempt (the later
 * record is refused and logged), so a deployment runs one dispatcher per store (the module's
 * `dispatcher: false` on the other replicas). A message is never sent before its Requested is
 * stored, and never again once an outcome is.
 */
import { deterministicEventId } from '@lastri/kernel';
import { Inject, Injectable, Logger } from '@nestjs/common';

import type { AttemptResult } from '../../domain/notification.commands';
import { decide } from '../../domain/notification.decider';
import { isNotificationError } from '../../domain/notification.errors';
import { isPending, type NotificationRecord } from '../../domain/notification.state';
import type { OutgoingMessage } from '../channels';
import { NOTIFICATION_DEPENDENCIES, NOTIFICATION_SERVICE_ACTOR, type NotificationDependencies } from '../notification-dependencies';
import { NotificationStream } from '../support/notification-stream';
import { PendingNotifications } from './pending-notifications';

export interface AttemptMade {
  readonly residentId: string;
  readonly notificationId: string;
  readonly attempt: number;
  readonly outcome: 'NotificationSent' | 'NotificationFailed' | 'NotificationGaveUp' | 'refused';
}

@Injectable()
export class DispatchDue {
  private readonly logger = new Logger('Notification');
  private readonly stream: NotificationStream;
  private readonly pending: PendingNotifications;

  constructor(@Inject(NOTIFICATION_DEPENDENCIES) private readonly deps: NotificationDependencies) {
    this.stream = new NotificationStream(deps.store);
    this.pending = new PendingNotifications(deps.store);
  }

  /** One round: every notification due now, one attempt each. */
  async run(): Promise<AttemptMade[]> {
    const made: AttemptMade[] = [];
    for (const due of await this.pending.due(this.deps.clock.now())) {
      const attempt = await this.attempt(due.residentId, due.notificationId);
      if (attempt) made.push(attempt);
    }
    return made;
  }

  private async attempt(residentId: string, notificationId: string): Promise<AttemptMade | undefined> {
    const { state } = await this.stream.read(residentId);
    const record = state.notifications.get(notificationId);
    // The index may be a round behind the stream: check again on what is stored.
    if (!record || !isPending(record) || !isDue(record, this.deps.clock.now())) return undefined;
    const attempt = record.attempts + 1;
    const result = await this.send(record);
    const at = this.deps.clock.now().toISOString();
    const appended = await this.stream.update(residentId, (current) => {
      const decided = decide({ type: 'RecordAttempt', data: { notificationId, attempt, result, policy: this.deps.retry, at } }, current);
      if (isNotificationError(decided)) return decided;
      return decided.map((event) => ({
        event,
        id: deterministicEventId(notificationId, `notification.attempt#${attempt}#${event.type}`),
        metadata: { residentId, correlationId: notificationId, causationId: notificationId, actor: NOTIFICATION_SERVICE_ACTOR, occurredAt: at },
      }));
    });
    if (isNotificationError(appended)) {
      this.logger.warn(`Attempt ${attempt} of notification ${notificationId} was recorded by another dispatcher: ${appended.message}`);
      return { residentId, notificationId, attempt, outcome: 'refused' };
    }
    const last = appended.at(-1);
    return { residentId, notificationId, attempt, outcome: (last?.type ?? 'refused') as AttemptMade['outcome'] };
  }

  private async send(record: NotificationRecord): Promise<AttemptResult> {
    const channel = record.channel;
    const sender = channel ? this.deps.channels[channel] : undefined;
    if (!channel || !sender || !record.recipient || record.text === undefined) {
      return { ok: false, retryable: true, errorCode: 'CHANNEL_UNAVAILABLE', errorMessage: `No ${channel ?? 'channel'} sender is configured.` };
    }
    const message: OutgoingMessage = {
      notificationId: record.notificationId,
      channel,
      recipient: record.recipient,
      ...(record.subject !== undefined ? { subject: record.subject } : {}),
      text: record.text,
    };
    try {
      return await sender.send(message);
    } catch (error) {
      // An adapter that throws is a failure we cannot classify: worth another try.
      return { ok: false, retryable: true, errorCode: 'SEND_ERROR', errorMessage: (error as Error).message };
    }
  }
}

function isDue(record: NotificationRecord, now: Date): boolean {
  return record.nextAttemptAt !== undefined && Date.parse(record.nextAttemptAt) <= now.getTime();
}
