/**
 * Creating topics so that they can be used at once. A broker under load answers a fresh topic's
 * first requests with retriable errors ("This server does not host this topic-partition") until
 * its partitions have leaders everywhere; so creation is retried on those errors, an existing
 * topic counts as created, and the call returns only once the metadata names a leader for every
 * partition of every topic. A topic that existed before keeps its partition count: it is not
 * waited on to reach the count asked for, which it never would.
 */
import type { Admin } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
}

export interface EnsureTopicsOptions {
  /** How long to keep retrying retriable errors and waiting for leaders. */
  timeoutMs?: number;
}

/** Answers the topics it created (the others existed already). */
export async function ensureTopics(
  admin: Admin,
  topics: readonly TopicSpec[],
  { timeoutMs = 60_000 }: EnsureTopicsOptions = {},
): Promise<string[]> {
  const giveUpAt = Date.now() + timeoutMs;
  const created: string[] = [];
  let pauseMs = 100;
  for (;;) {
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((spec) => !existing.has(spec.topic));
      if (missing.length > 0) {
        await admin.createTopics({
          topics: missing.map(({ topic, partitions, replicationFactor }) => ({
            topic,
            numPartitions: partitions,
            replicationFactor,
          })),
          waitForLeaders: true,
        });
        created.push(...missing.map((spec) => spec.topic));
      }
      if (await leadersEverywhere(admin, topics, new Set(created))) return created;
    } catch (error) {
      if (!isRetriable(error) || Date.now() >= giveUpAt) throw error;
    }
    if (Date.now() >= giveUpAt) {
      throw new Error(
        `Topics ${topics.map((spec) => spec.topic).join(', ')} have no leader for every partition after ${timeoutMs} ms.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    pauseMs = Math.min(pauseMs * 2, 1_000);
  }
}

async function leadersEverywhere(admin: Admin, topics: readonly TopicSpec[], createdHere: ReadonlySet<string>): Promise<boolean> {
  const { topics: metadata } = await admin.fetchTopicMetadata({
    topics: topics.map((spec) => spec.topic),
  });
  return topics.every((spec) => {
    const found = metadata.find((topic) => topic.name === spec.topic);
    return (
      found !== undefined &&
      found.partitions.length >= (createdHere.has(spec.topic) ? spec.partitions : 1) &&
      found.partitions.every(
        (partition) => partition.leader >= 0 && partition.partitionErrorCode === 0,
      )
    );
  });
}

/** kafkajs marks retriable protocol errors; "topic already exists" means a racing creator won. */
function isRetriable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { retriable, type, name } = error as { retriable?: boolean; type?: string; name?: string };
  if (type === 'TOPIC_ALREADY_EXISTS') return true;
  if (name === 'KafkaJSCreateTopicError' || name === 'KafkaJSAggregateError') {
    const errors = (error as { errors?: unknown[] }).errors;
    return Array.isArray(errors) ? errors.every(isRetriable) : retriable === true;
  }
  return (
    retriable === true || name === 'KafkaJSNumberOfRetriesExceeded' || name === 'KafkaJSTimeout'
  );
}
