import { EVENT_TOPICS } from '@lastri/contracts';
import { newId } from '@lastri/kernel';
import { kafkaBrokers, uniqueName } from '@lastri/testing';
import { Kafka, Partitioners, logLevel, type KafkaMessage } from 'kafkajs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { publishDeadLetter } from '../dead-letter/kafka-dead-letter.queue';
import { DEAD_LETTER_REDRIVE_REQUESTED, deadLetterStream, recordDeadLetter } from '../dead-letter/store-dead-letter.queue';
import { toKafkaRecord } from '../envelope/cloud-events.kafka';
import { uniqueConsumer } from '../testing/consumer.behaviours';
import { appendToIntake, caseOpened, storedEvent } from '../testing/intake-events.fixture';
import { createTopic, deleteTopics } from '../testing/kafka-topics';
import { readTopic } from '../testing/read-topic';
import { temporarySqliteStore } from '../testing/temporary-store';
import { runDeadLetterCli } from './dlq';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

function captured() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, output: { out: (line: string) => lines.push(line), err: (line: string) => errors.push(line) } };
}

describe('the dlq CLI', () => {
  jest.setTimeout(90_000);

  it('lists the dead letters of a consumer on Kafka and re-drives them to their original topic', async () => {
    const brokers = await kafkaBrokers();
    const kafka = new Kafka({ clientId: 'lastri-dlq-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const topic = uniqueName('lastri.test.intake.events');
    const consumer = uniqueConsumer();
    await createTopic(kafka, topic, 6);
    const residentId = newId();
    const event = storedEvent(caseOpened(residentId));
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [toKafkaRecord(event)] });
      const [original] = await readTopic(kafka, topic);
      const message: KafkaMessage = {
        key: Buffer.from(original.key),
        value: Buffer.from(original.value),
        headers: Object.fromEntries(Object.entries(original.headers).map(([name, value]) => [name, Buffer.from(value)])),
        offset: original.offset,
        timestamp: String(Date.now()),
        attributes: 0,
      };
      await publishDeadLetter(producer, {
        consumer,
        topic,
        partition: original.partition,
        message,
        failure: { error: new Error('Cannot record case opening'), attempts: 3, handler: 'CaseOpeningRecorder.handle', failedAt: new Date() },
      });

      const listed = captured();
      expect(await runDeadLetterCli(['list', '--consumer', consumer, '--brokers', brokers], {}, listed.output)).toBe(0);
      expect(listed.lines[0]).toBe(`1 dead letter(s) of consumer ${consumer}`);
      expect(listed.lines[2]).toMatch(
        new RegExp(`pending +CaseOpeningRecorder\\.handle +CaseOpened ${event.id} +${residentId} +3 +${topic}\\[${original.partition}\\]@${original.offset} +Error: Cannot record case opening \\[[0-9a-f]{16}\\]`),
      );

      const redriven = captured();
      expect(await runDeadLetterCli(['redrive', '--consumer', consumer], { KAFKA_BROKERS: brokers }, redriven.output)).toBe(0);
      expect(redriven.lines[0]).toBe(`1 dead letter(s) re-driven of consumer ${consumer}`);
      const records = await readTopic(kafka, topic);
      expect(records).toHaveLength(2);
      const again = records.find((record) => record.offset !== original.offset);
      expect(again).toMatchObject({ partition: original.partition, key: original.key, value: original.value, headers: original.headers });

      const afterwards = captured();
      await runDeadLetterCli(['list', '--consumer', consumer, '--brokers', brokers], {}, afterwards.output);
      expect(afterwards.lines).toEqual([`0 dead letter(s) of consumer ${consumer}`]);
      const standalone = execFileSync(
        process.execPath,
        ['-r', '@swc-node/register', 'libs/messaging/src/cli/dlq.ts', 'list', '--consumer', consumer, '--all', '--json'],
        { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, KAFKA_BROKERS: brokers } },
      );
      expect(JSON.parse(standalone)).toMatchObject([{ eventId: event.id, status: 'redriven', attempts: 3 }]);
    } finally {
      await producer.disconnect();
      await deleteTopics(kafka, [topic], [consumer]);
    }
  });

  it('lists and re-drives dead letters kept in the event store, in embedded mode', async () => {
    const { store, url, dispose } = await temporarySqliteStore();
    try {
      const consumer = uniqueConsumer();
      const residentId = newId();
      const [event] = await appendToIntake(store, [{ residentId, event: caseOpened(residentId) }]);
      await recordDeadLetter(store, {
        consumer,
        topic: EVENT_TOPICS.intake,
        event,
        failure: { error: new Error('Cannot record case opening'), attempts: 3, handler: 'CaseOpeningRecorder.handle', failedAt: new Date() },
      });

      const listed = captured();
      expect(await runDeadLetterCli(['list', '--consumer', consumer], { EVENT_STORE_URL: url }, listed.output)).toBe(0);
      expect(listed.lines[0]).toBe(`1 dead letter(s) of consumer ${consumer}`);
      expect(listed.lines[2]).toContain(`${EVENT_TOPICS.intake} ${event.streamName}@0`);
      const redriven = captured();
      expect(await runDeadLetterCli(['redrive', '--consumer', consumer, '--store', url], {}, redriven.output)).toBe(0);
      expect(redriven.lines[0]).toBe(`1 dead letter(s) re-driven of consumer ${consumer}`);

      const requests = (await store.readStream(deadLetterStream(consumer))).filter((e) => e.type === DEAD_LETTER_REDRIVE_REQUESTED);
      expect(requests).toHaveLength(1);
      const afterwards = captured();
      await runDeadLetterCli(['list', '--consumer', consumer, '--store', url], {}, afterwards.output);
      expect(afterwards.lines).toEqual([`0 dead letter(s) of consumer ${consumer}`]);
    } finally {
      await dispose();
    }
  });

  it('explains its usage when called wrongly', async () => {
    const wrong = captured();
    expect(await runDeadLetterCli(['purge', '--consumer', 'eligibility'], {}, wrong.output)).toBe(2);
    expect(wrong.errors.join('\n')).toContain('Usage: dlq <list|redrive>');
    const nowhere = captured();
    expect(await runDeadLetterCli(['list', '--consumer', 'eligibility'], {}, nowhere.output)).toBe(1);
    expect(nowhere.errors.join('\n')).toContain('Neither KAFKA_BROKERS');
  });
});
