/**
 * Notification's consumer of `lastri.intake.events`, `lastri.eligibility.events` and
 * `lastri.referral.events` (group `<prefix>.notification`, dead letters to
 * `lastri.notification.dlq`): the same handler under Kafka and under the embedded store
 * transport. It only routes; requesting is idempotent per source event, so a redelivery or a
 * replay of the whole log sends nothing twice.
 */
import { EVENT_TOPICS, upcast, type EventType } from '@lastri/contracts';
import { EventConsumer, UnprocessableEventError, type EventEnvelope } from '@lastri/messaging';
import { Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';

import { isMoment } from '../../application/request-on-moment/moments';
import { RequestOnMoment } from '../../application/request-on-moment/request-on-moment';
import { ReferralEventNotInStore } from '../../application/support/referral-record';

/** The consumer's name: Kafka group `<prefix>.notification`, dead-letter topic `lastri.notification.dlq`. */
export const NOTIFICATION_CONSUMER = 'notification';

@EventConsumer(NOTIFICATION_CONSUMER)
export class NotificationMomentsConsumer {
  private readonly logger = new Logger(NotificationMomentsConsumer.name);

  constructor(private readonly request: RequestOnMoment) {}

  @EventPattern(EVENT_TOPICS.intake)
  onIntakeEvent(@Payload() event: EventEnvelope): Promise<void> {
    return this.handle(event);
  }

  @EventPattern(EVENT_TOPICS.eligibility)
  onEligibilityEvent(@Payload() event: EventEnvelope): Promise<void> {
    return this.handle(event);
  }

  @EventPattern(EVENT_TOPICS.referral)
  onReferralEvent(@Payload() event: EventEnvelope): Promise<void> {
    return this.handle(event);
  }

  private async handle(event: EventEnvelope): Promise<void> {
    if (!isMoment(event.type)) return;
    try {
      const data = upcast(event.type as EventType, event.schemaVersion, event.data);
      const appended = await this.request.handle({ ...event, data });
      if (appended.length > 0) this.logger.log(`${event.type} ${event.id}: ${appended.map((stored) => stored.type).join(', ')}.`);
    } catch (error) {
      // Referral writes the store before its relay publishes: a referral missing from it means
      // this service reads another store, and waiting will not help. Dead-letter at once.
      if (error instanceof ReferralEventNotInStore) throw new UnprocessableEventError(error.message, { cause: error });
      throw error;
    }
  }
}
