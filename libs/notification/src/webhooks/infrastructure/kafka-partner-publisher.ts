/**
 * The minimised partner events on the agency's own topic `lastri.partner.<agencyId>`, for agencies
 * that consume Kafka instead of receiving webhooks. Key: the referral id (a referral's events stay
 * in order); headers: CloudEvents 1.0 binary mode, as on LASTRI's internal topics.
 */
import { CLOUDEVENTS_SOURCES, partnerTopic } from '@lastri/contracts';
import { Kafka, logLevel, type Producer } from 'kafkajs';

import type { PartnerEvent } from '../domain/partner-policy';

export interface PartnerTopicPublisher {
  publish(agencyId: string, event: PartnerEvent, eventId: string, referralId: string): Promise<void>;
  close(): Promise<void>;
}

export class KafkaPartnerPublisher implements PartnerTopicPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(brokers: readonly string[], clientId = 'lastri-notification-partner') {
    this.producer = new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: true, idempotent: true });
  }

  async publish(agencyId: string, event: PartnerEvent, eventId: string, referralId: string): Promise<void> {
    this.connected ??= this.producer.connect();
    await this.connected;
    await this.producer.send({
      topic: partnerTopic(agencyId),
      acks: -1,
      messages: [
        {
          key: referralId,
          value: JSON.stringify(event.data),
          headers: {
            ce_specversion: '1.0',
            ce_id: eventId,
            ce_type: event.type,
            ce_source: CLOUDEVENTS_SOURCES.notification,
            ce_time: event.timestamp,
            content_type: 'application/json',
          },
        },
      ],
    });
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}
