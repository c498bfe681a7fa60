import { kafkaBrokers, uniqueName } from '@lastri/testing';
import type { KafkaContext } from '@nestjs/microservices';
import { Kafka, Partitioners, logLevel } from 'kafkajs';

import { KafkaDeadLetterQueue } from '../dead-letter/kafka-dead-letter.queue';
import { toKafkaRecord } from '../envelope/cloud-events.kafka';
import { EventRelay } from '../relay/event.relay';
import { FAST_RETRIES, TEST_FETCH_WAIT_MS, describeConsumerBehaviours } from '../testing/consumer.behaviours';
import { invalidCaseOpened, storedEvent } from '../testing/intake-events.fixture';
import { createTopic, deleteTopics, silentLogger } from '../testing/kafka-topics';
import { temporarySqliteStore } from '../testing/temporary-store';
import { KafkaEventTransport } from './kafka-event.transport';

describeConsumerBehaviours({
  name: 'Kafka',
  async world() {
    const brokers = (await kafkaBrokers()).split(',');
    const kafka = new Kafka({ clientId: 'lastri-messaging-test', brokers, logLevel: logLevel.NOTHING });
    const topic = uniqueName('lastri.test.intake.events');
    await createTopic(kafka, topic, 6);
    const { store, dispose } = await temporarySqliteStore();
    const relay = new EventRelay({ store, kafka: { clientId: 'lastri-messaging-test', brokers, logLevel: logLevel.NOTHING }, context: 'intake', topic, batchSize: 50, logger: silentLogger() });
    const queues: KafkaDeadLetterQueue[] = [];
    return {
      store,
      topic,
      startCarrying: () => relay.start(),
      async injectSchemaInvalid(residentId) {
        // What a producer that skipped the contract check would send; the relay itself never would.
        const event = invalidCaseOpened(residentId);
        const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
        await producer.connect();
        await producer.send({ topic, acks: -1, messages: [toKafkaRecord(storedEvent(event))] });
        await producer.disconnect();
        return event.id;
      },
      transport: (consumer) =>
        new KafkaEventTransport({
          consumer,
          brokers,
          retry: FAST_RETRIES,
          partitionsConsumedConcurrently: 3,
          maxWaitTimeInMs: TEST_FETCH_WAIT_MS,
          logLevel: logLevel.NOTHING,
        }),
      deadLetters(consumer) {
        const queue = new KafkaDeadLetterQueue(kafka, consumer);
        queues.push(queue);
        return queue;
      },
      contextTopic: (context) => (context as KafkaContext).getTopic(),
      async tearDown() {
        await relay.stop();
        await Promise.all(queues.map((queue) => queue.close()));
        await dispose();
        await deleteTopics(kafka, [topic], queues.map((queue) => queue.consumer));
      },
    };
  },
});
