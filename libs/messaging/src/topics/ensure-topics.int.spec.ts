import { kafkaBrokers, uniqueName } from '@lastri/testing';
import { Kafka, logLevel, type Admin } from 'kafkajs';

import { ensureTopics } from './ensure-topics';

describe('ensureTopics on a real broker', () => {
  jest.setTimeout(60_000);
  let admin: Admin;

  beforeAll(async () => {
    const kafka = new Kafka({ clientId: 'ensure-topics-spec', brokers: (await kafkaBrokers()).split(','), logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(() => admin?.disconnect());

  it('creates a missing topic with the partitions asked for, and answers it created it', async () => {
    const topic = uniqueName('ensure-new');
    await expect(ensureTopics(admin, [{ topic, partitions: 3, replicationFactor: 1 }])).resolves.toEqual([topic]);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0].partitions).toHaveLength(3);
  });

  it('accepts a topic that exists with fewer partitions instead of waiting for partitions that never come', async () => {
    const topic = uniqueName('ensure-existing');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    // Before the fix this waited for 6 partitions until the timeout and threw.
    await expect(ensureTopics(admin, [{ topic, partitions: 6, replicationFactor: 1 }], { timeoutMs: 15_000 })).resolves.toEqual([]);
  });
});
