import { kafkaBrokers, uniqueName } from '@lastri/testing';
import { Kafka, logLevel } from 'kafkajs';

import type { OutgoingKafkaRecord } from '../envelope/cloud-events.kafka';
import { createTopic, deleteTopics } from '../testing/kafka-topics';
import { readTopic, recordCount } from '../testing/read-topic';
import { relayProducer, type RelayKafkaConfig, type RelayProducer } from './relay-producer';

function records(keys: string[], send = 0): OutgoingKafkaRecord[] {
  return keys.map((key, index) => ({
    key,
    value: JSON.stringify({ send, index }),
    headers: { ce_id: `send-${send}-${index}` },
  }));
}

describe('relayProducer (the producer thread)', () => {
  jest.setTimeout(60_000);
  let config: RelayKafkaConfig;
  let kafka: Kafka;
  let topic: string;
  const producers: RelayProducer[] = [];

  beforeAll(async () => {
    config = {
      clientId: 'lastri-relay-producer-test',
      brokers: (await kafkaBrokers()).split(','),
      logLevel: logLevel.NOTHING,
    };
    kafka = new Kafka(config);
  });
  beforeEach(async () => {
    topic = uniqueName('lastri.test.relay-producer');
    await createTopic(kafka, topic, 3);
  });
  afterEach(async () => {
    for (const producer of producers.splice(0)) await producer.disconnect().catch(() => undefined);
    await deleteTopics(kafka, [topic]);
  });

  async function opened(): Promise<RelayProducer> {
    const producer = relayProducer(config);
    producers.push(producer);
    await producer.connect();
    return producer;
  }

  it('sends in the order it was given, each send resolving on its acknowledgement', async () => {
    const producer = await opened();
    const sends = [0, 1, 2, 3].map((send) =>
      producer.send(topic, records([`resident-${send}`, 'resident-shared'], send)),
    );
    await Promise.all(sends);

    const shared = (await readTopic(kafka, topic)).filter(
      (record) => record.key === 'resident-shared',
    );
    // One key, one partition: the order it holds them in is the order they were sent.
    expect(shared.map((record) => record.headers['ce_id'])).toEqual([
      'send-0-1',
      'send-1-1',
      'send-2-1',
      'send-3-1',
    ]);
    expect(await recordCount(kafka, topic)).toBe(8);
  });

  it('fails the sends queued behind a failed one without sending them', async () => {
    const producer = await opened();
    // A topic name Kafka refuses: the first send fails.
    const refused = producer.send('not a valid topic!', records(['resident-a']));
    const behind = producer.send(topic, records(['resident-b']));

    await expect(refused).rejects.toThrow();
    await expect(behind).rejects.toThrow();
    expect(await recordCount(kafka, topic)).toBe(0);
  });

  it("rejects with kafkajs's error as the thread saw it: its name, and the stack of where it failed", async () => {
    const producer = await opened();
    const refused = await producer.send('not a valid topic!', records(['resident-a'])).then(
      () => undefined,
      (error: Error) => error,
    );

    expect(refused?.name).toMatch(/^KafkaJS/);
    expect(refused?.stack).toContain('node_modules/kafkajs/');
  });

  it('keeps producers apart: one failing does not fail another on the same thread', async () => {
    const [failing, healthy] = [await opened(), await opened()];
    await expect(failing.send('not a valid topic!', records(['resident-a']))).rejects.toThrow();

    await healthy.send(topic, records(['resident-b']));
    expect(await recordCount(kafka, topic)).toBe(1);
  });

  it('refuses settings that cannot be copied to the thread, saying why', async () => {
    const producer = relayProducer({
      ...config,
      sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: 'token' }) },
    });
    await expect(producer.connect()).rejects.toThrow(/could not be cloned/);
  });
});
