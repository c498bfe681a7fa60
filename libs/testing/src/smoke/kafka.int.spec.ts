import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';

import { kafkaBrokers } from '../endpoints';
import { uniqueName } from '../isolation';

describe('Kafka test broker', () => {
  let kafka: Kafka;
  let producer: Producer;
  let consumer: Consumer;

  beforeAll(async () => {
    kafka = new Kafka({ clientId: 'lastri-smoke', brokers: (await kafkaBrokers()).split(','), logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await producer?.disconnect();
    await consumer?.disconnect();
  });

  it('delivers every message through a consumer group on a 3-partition topic, in order per key', async () => {
    const topic = uniqueName('lastri.smoke');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    const residents = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    const sent = residents.flatMap((key) => [1, 2, 3, 4, 5].map((n) => ({ key, value: `${key}-${n}` })));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: sent });

    consumer = kafka.consumer({ groupId: uniqueName('lastri-smoke-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; value: string; partition: number }[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: String(message.key), value: String(message.value), partition });
          if (received.length === sent.length) resolve();
        },
      });
    });

    expect(new Set(received.map((m) => m.partition)).size).toBeGreaterThan(1);
    for (const key of residents) {
      expect(received.filter((m) => m.key === key).map((m) => m.value)).toEqual(
        sent.filter((m) => m.key === key).map((m) => m.value),
      );
    }
  });
});
