import { EVENT_TOPICS, deadLetterTopic, partnerTopic } from '@lastri/contracts';

import type { TopicSpec } from './ensure-topics';

/**
 * Every topic LASTRI uses on a broker, by the contracts' wire names: each context's
 * `lastri.<context>.events`, the dead-letter topic `lastri.<consumer>.dlq` of each consumer, and
 * the partner topic `lastri.partner.<agencyId>` of each agency given.
 */
export function lastriTopics(
  consumers: readonly string[],
  { partitions, replicationFactor }: { partitions: number; replicationFactor: number },
  agencies: readonly string[] = [],
): TopicSpec[] {
  const names = [...Object.values(EVENT_TOPICS), ...consumers.map(deadLetterTopic), ...agencies.map(partnerTopic)];
  return names.map((topic) => ({ topic, partitions, replicationFactor }));
}
