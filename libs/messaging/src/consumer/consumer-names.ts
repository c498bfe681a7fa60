/**
 * Kafka group ids of a consumer. Topic names come from contracts (`lastri.<context>.events`,
 * `lastri.<consumer>.dlq`); group ids are LASTRI's own business and stay here. Their prefix
 * (KAFKA_GROUP_PREFIX, default `lastri`) tells apart stacks that share one broker: two stacks
 * with the same prefix would split each other's records between their consumers.
 */
import { deadLetterTopic } from '@lastri/contracts';

export const DEFAULT_GROUP_PREFIX = 'lastri';
const GROUP_PREFIX_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The group whose committed offsets say how far the consumer has processed its topics. */
export function consumerGroupId(consumer: string, prefix: string = DEFAULT_GROUP_PREFIX): string {
  deadLetterTopic(consumer); // validates the name the same way
  return `${validGroupPrefix(prefix)}.${consumer}`;
}

/** The group whose committed offsets on the dead-letter topic say what has been re-driven. */
export function redriveGroupId(consumer: string, prefix: string = DEFAULT_GROUP_PREFIX): string {
  return `${consumerGroupId(consumer, prefix)}.dlq-redrive`;
}

/** A group prefix as KAFKA_GROUP_PREFIX gives it: letters, digits, `.`, `_`, `-`. */
export function validGroupPrefix(prefix: string): string {
  if (!GROUP_PREFIX_PATTERN.test(prefix)) {
    throw new RangeError(
      `A Kafka group prefix is 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit; got ${JSON.stringify(prefix)}.`,
    );
  }
  return prefix;
}
