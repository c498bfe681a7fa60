/**
 * Kafka group ids of a consumer. Topic names come from contracts (`lastri.<context>.events`,
 * `lastri.<consumer>.dlq`); group ids are LASTRI's own business and stay here.
 */
import { deadLetterTopic } from '@lastri/contracts';

/** The group whose committed offsets say how far the consumer has processed its topics. */
export function consumerGroupId(consumer: string): string {
  deadLetterTopic(consumer); // validates the name the same way
  return `lastri.${consumer}`;
}

/** The group whose committed offsets on the dead-letter topic say what has been re-driven. */
export function redriveGroupId(consumer: string): string {
  return `${consumerGroupId(consumer)}.dlq-redrive`;
}
