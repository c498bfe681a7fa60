/**
 * The partner webhooks' consumer of `lastri.referral.events` (group `<prefix>.partner-delivery`,
 * dead letters to `lastri.partner-delivery.dlq`): each referral event addressed to an agency
 * becomes deliveries to its subscriptions and a record on its partner topic. Its own consumer, so a
 * slow partner never holds up the resident messages, and a replay of the log requests nothing twice.
 */
import { EVENT_TOPICS } from '@lastri/contracts';
import { EventConsumer, type EventEnvelope } from '@lastri/messaging';
import { Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';

import { RequestDeliveries } from '../application/request-deliveries';

/** The consumer's name: Kafka group `<prefix>.partner-delivery`, dead-letter topic `lastri.partner-delivery.dlq`. */
export const PARTNER_DELIVERY_CONSUMER = 'partner-delivery';

@EventConsumer(PARTNER_DELIVERY_CONSUMER)
export class PartnerDeliveryConsumer {
  private readonly logger = new Logger(PartnerDeliveryConsumer.name);

  constructor(private readonly deliveries: RequestDeliveries) {}

  @EventPattern(EVENT_TOPICS.referral)
  async onReferralEvent(@Payload() event: EventEnvelope): Promise<void> {
    const requested = await this.deliveries.onReferralEvent(
      { id: event.id, type: event.type, residentId: event.residentId, occurredAt: event.occurredAt, data: event.data as Record<string, unknown> },
      event.correlationId,
    );
    if (requested > 0) this.logger.log(`${event.type} ${event.id}: ${requested} webhook deliveries requested.`);
  }
}
