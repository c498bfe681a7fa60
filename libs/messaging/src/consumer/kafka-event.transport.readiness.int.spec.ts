/**
 * Readiness of a Kafka consumer follows its group membership: not ready before the consumer has
 * joined its group, ready once kafkajs reports the join, not ready again once closed. And a
 * consumer whose broker cannot be reached does not fail the app's start: it says why.
 */
import { kafkaBrokers, uniqueName } from '@lastri/testing';
import { Kafka, logLevel } from 'kafkajs';

import {
  TEST_FETCH_WAIT_MS,
  startRecordingConsumer,
  uniqueConsumer,
} from '../testing/consumer.behaviours';
import { createTopic, deleteTopics } from '../testing/kafka-topics';
import { temporarySqliteStore, type TemporaryStore } from '../testing/temporary-store';
import { waitUntil } from '../testing/wait-until';
import { KafkaEventTransport } from './kafka-event.transport';

describe('KafkaEventTransport readiness', () => {
  jest.setTimeout(90_000);
  let temporary: TemporaryStore;
  beforeEach(async () => {
    temporary = await temporarySqliteStore();
  });
  afterEach(async () => {
    await temporary.dispose();
  });

  it('is ready only once the consumer has joined its group, and not after it closed', async () => {
    const brokers = (await kafkaBrokers()).split(',');
    const kafka = new Kafka({
      clientId: 'lastri-readiness-test',
      brokers,
      logLevel: logLevel.NOTHING,
    });
    const topic = uniqueName('lastri.test.readiness.events');
    const consumer = uniqueConsumer();
    await createTopic(kafka, topic, 1);
    const transport = new KafkaEventTransport({
      consumer,
      brokers,
      maxWaitTimeInMs: TEST_FETCH_WAIT_MS,
      logLevel: logLevel.NOTHING,
    });
    expect(transport.readiness().ready).toBe(false);
    try {
      const running = await startRecordingConsumer({
        store: temporary.store,
        topic,
        consumer,
        transport,
      });
      await waitUntil('the consumer joined its group', () => transport.readiness().ready);
      expect(transport.readiness().detail).toBe(`joined group lastri.${consumer}`);
      await running.stop();
      expect(transport.readiness().ready).toBe(false);
    } finally {
      await deleteTopics(kafka, [topic], [consumer]);
    }
  });

  it('lets the app start when the broker is unreachable, and says so', async () => {
    const consumer = uniqueConsumer();
    const transport = new KafkaEventTransport({
      consumer,
      brokers: ['127.0.0.1:9'],
      maxWaitTimeInMs: TEST_FETCH_WAIT_MS,
      logLevel: logLevel.NOTHING,
    });
    (transport as unknown as { logger: { warn: () => void } }).logger = {
      warn: () => undefined,
    } as never;
    const running = await startRecordingConsumer({
      store: temporary.store,
      topic: 'lastri.test.unreachable.events',
      consumer,
      transport,
    });
    try {
      await waitUntil('the consumer is in back-off', () =>
        transport.readiness().detail.startsWith('back-off'),
      );
      expect(transport.readiness().ready).toBe(false);
    } finally {
      await running.stop();
    }
  });
});
