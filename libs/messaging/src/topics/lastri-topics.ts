import { EVENT_TOPICS, deadLetterTopic } from '@lastri/contracts';

import type { TopicSpec } from './ensure-topics';

/**
 * Every topic LASTRI uses on a broker, by the contracts' wire names: each context's
 * `lastri.<context>.events`, and the dead-letter topic `lastri.<consumer>.dlq` of each consumer.
 */
export function lastriTopics(
  consumers: readonly string[],
  { partitions, replicationFactor }: { partitions: number; replicationFactor: number },
): TopicSpec[] {
  const names = [...Object.values(EVENT_TOPICS), ...consumers.map(deadLetterTopic)];
  return names.map((topic) => ({ topic, partitions, replicationFactor }));
}
