import { deadLetterTopic } from '@lastri/contracts';
import type { Kafka } from 'kafkajs';

import { ensureTopics } from '../topics/ensure-topics';

/**
 * Creates a topic of `partitions` partitions and waits for its leaders, retrying the errors a
 * busy broker answers a fresh topic with (see ensureTopics).
 */
export async function createTopic(kafka: Kafka, topic: string, partitions = 6): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [{ topic, partitions, replicationFactor: 1 }]);
  } finally {
    await admin.disconnect();
  }
}

/** Removes a test's topics and the dead-letter topics of its consumers; best effort. */
export async function deleteTopics(
  kafka: Kafka,
  topics: string[],
  consumers: string[] = [],
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const doomed = [...topics, ...consumers.map(deadLetterTopic)].filter((topic) =>
      existing.has(topic),
    );
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed });
  } catch {
    // A leftover topic costs a little disk on a test broker; it must not fail a test.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export function silentLogger() {
  const nothing = () => undefined;
  return {
    log: nothing,
    error: nothing,
    warn: nothing,
    debug: nothing,
    verbose: nothing,
    fatal: nothing,
  };
}
