/**
 * A moment of the resident's case → one NotificationRequested (the message rendered and the
 * channel chosen now, so what is sent is what is recorded), or a NotificationSkipped with the
 * reason. Keyed by the source event: its id makes both the notification id and the event id, so
 * a redelivery or a replay of the whole log appends nothing new, and the decider refuses a
 * second notification for the same source event.
 */
import type { StoredEvent } from '@lastri/event-store';
import { deterministicEventId } from '@lastri/kernel';
import { Inject, Injectable } from '@nestjs/common';

import { chooseChannel } from '../../domain/delivery/channel-choice';
import type { Delivery } from '../../domain/notification.commands';
import { decide } from '../../domain/notification.decider';
import { isNotificationError } from '../../domain/notification.errors';
import { renderMoment } from '../../templates';
import { configuredChannels } from '../channels';
import { NOTIFICATION_DEPENDENCIES, NOTIFICATION_SERVICE_ACTOR, type EventReceived, type NotificationDependencies } from '../notification-dependencies';
import { IntakeRecord } from '../support/intake-record';
import { NotificationStream } from '../support/notification-stream';
import { ReferralRecord } from '../support/referral-record';
import { caseOf, isMoment, momentOf } from './moments';

const HANDLER = 'notification.request';

/** The notification of a source event: the same on every repeat. */
export function notificationIdOf(sourceEventId: string): string {
  return deterministicEventId(sourceEventId, HANDLER);
}

@Injectable()
export class RequestOnMoment {
  private readonly intake: IntakeRecord;
  private readonly referrals: ReferralRecord;
  private readonly stream: NotificationStream;

  constructor(@Inject(NOTIFICATION_DEPENDENCIES) private readonly deps: NotificationDependencies) {
    this.intake = new IntakeRecord(deps.store);
    this.referrals = new ReferralRecord(deps.store);
    this.stream = new NotificationStream(deps.store);
  }

  /** What was appended: nothing for an event that is not a moment, or a moment already handled. */
  async handle(event: EventReceived<unknown>): Promise<StoredEvent[]> {
    if (!isMoment(event.type)) return [];
    const resident = await this.intake.resident(event.residentId);
    const rendered = renderMoment(await momentOf(event, resident?.name ?? 'Warga', this.referrals));
    const at = this.deps.clock.now().toISOString();
    const notificationId = notificationIdOf(event.id);
    const caseId = caseOf(event);
    const appended = await this.stream.update(event.residentId, (state) => {
      const choice = chooseChannel(resident, state.preference, configuredChannels(this.deps.channels));
      const delivery: Delivery =
        choice.kind === 'skip'
          ? choice
          : {
              kind: 'deliver',
              channel: choice.channel,
              recipient: choice.recipient,
              ...(choice.channel === 'EMAIL' ? { subject: rendered.subject, text: rendered.body } : { text: rendered.sms }),
            };
      const decided = decide(
        { type: 'RequestNotification', data: { notificationId, sourceEventId: event.id, sourceEventType: event.type, template: rendered.template, delivery, at } },
        state,
      );
      if (isNotificationError(decided)) return decided;
      return decided.map((decidedEvent) => ({
        event: decidedEvent,
        id: deterministicEventId(event.id, `${HANDLER}#${decidedEvent.type}`),
        metadata: {
          residentId: event.residentId,
          ...(caseId ? { caseId } : {}),
          correlationId: event.correlationId,
          causationId: event.id,
          actor: NOTIFICATION_SERVICE_ACTOR,
          occurredAt: at,
        },
      }));
    });
    if (isNotificationError(appended)) throw new Error(`Requesting a notification was refused: ${appended.message}`);
    return appended;
  }
}
