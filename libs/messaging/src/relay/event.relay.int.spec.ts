import { createEventStore, type EventStore } from '@lastri/event-store';
import { residentStreamName } from '@lastri/contracts';
import { newId } from '@lastri/kernel';
import { kafkaBrokers, scratchPostgresDatabase, uniqueName } from '@lastri/testing';
import type { KafkaContext } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { KafkaEventTransport } from '../consumer/kafka-event.transport';
import {
  FAST_RETRIES,
  TEST_FETCH_WAIT_MS,
  effectSequences,
  effects,
  startRecordingConsumer,
  uniqueConsumer,
} from '../testing/consumer.behaviours';
import { appendToIntake, caseOpened, interleavedCaseOpenings, invalidCaseOpened } from '../testing/intake-events.fixture';
import { createTopic, deleteTopics, silentLogger } from '../testing/kafka-topics';
import { readTopic, recordCount } from '../testing/read-topic';
import { temporarySqliteStore, type TemporaryStore } from '../testing/temporary-store';
import { waitUntil } from '../testing/wait-until';
import { EventRelay } from './event.relay';
import { InvalidStoredEventError } from './relay-errors';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

describe('EventRelay', () => {
  jest.setTimeout(120_000);
  let brokers: string[];
  let kafka: Kafka;
  let topic: string;
  let temporary: TemporaryStore;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    brokers = (await kafkaBrokers()).split(',');
    kafka = new Kafka({ clientId: 'lastri-relay-test', brokers, logLevel: logLevel.NOTHING });
  });
  beforeEach(async () => {
    topic = uniqueName('lastri.test.intake.events');
    await createTopic(kafka, topic, 6);
    temporary = await temporarySqliteStore();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await temporary.dispose();
    await deleteTopics(kafka, [topic]);
  });

  function relay(store: EventStore = temporary.store, options: Partial<ConstructorParameters<typeof EventRelay>[0]> = {}): EventRelay {
    const created = new EventRelay({
      store,
      kafka: { clientId: 'lastri-relay-test', brokers, logLevel: logLevel.NOTHING },
      context: 'intake',
      topic,
      batchSize: 50,
      logger: silentLogger(),
      ...options,
    });
    cleanups.push(() => created.stop());
    return created;
  }

  it("publishes its context's events, keyed by resident and in order, and resumes after its checkpoint", async () => {
    const events = interleavedCaseOpenings(3, 4);
    const stored = await appendToIntake(temporary.store, events);
    const otherContext = await temporary.store.append(
      residentStreamName('eligibility', events[0].residentId),
      [{ ...caseOpened(events[0].residentId), type: 'ManualReviewRequired' }],
      'no-stream',
    );

    const first = relay();
    await first.start();
    await first.caughtUp;
    await first.stop();
    const records = await readTopic(kafka, topic);

    expect(records).toHaveLength(stored.length);
    expect(records.map((record) => record.headers['ce_id'])).not.toContain(otherContext.appended[0].id);
    for (const { residentId } of events.slice(0, 3)) {
      const ofResident = records.filter((record) => record.key === residentId).sort((a, b) => Number(a.offset) - Number(b.offset));
      expect(new Set(ofResident.map((record) => record.partition)).size).toBe(1);
      expect(ofResident.map((record) => record.headers['ce_id'])).toEqual(
        stored.filter((event) => event.metadata.residentId === residentId).map((event) => event.id),
      );
      expect(ofResident.every((record) => record.headers['ce_source'] === '/lastri/intake')).toBe(true);
    }

    await appendToIntake(temporary.store, interleavedCaseOpenings(2, 1));
    const second = relay();
    await second.start();
    await second.caughtUp;

    expect(second.published).toBe(2);
    expect(await recordCount(kafka, topic)).toBe(stored.length + 2);
  });

  it('runs as a Nest provider: started when the app boots, stopped when it shuts down', async () => {
    const stored = await appendToIntake(temporary.store, interleavedCaseOpenings(2, 3));
    const moduleRef = await Test.createTestingModule({
      providers: [{ provide: EventRelay, useFactory: () => relay() }],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });

    await app.init();
    const running = app.get(EventRelay);
    await running.caughtUp;
    await app.close();

    await expect(running.stopped).resolves.toBeUndefined();
    expect(await recordCount(kafka, topic)).toBe(stored.length);
  });

  it('stops loudly at an invalid stored event, after publishing those before it, and its checkpoint stays there', async () => {
    const residentId = newId();
    const [before1, before2, invalid, after] = [
      caseOpened(residentId, { sequence: 0 }),
      caseOpened(residentId, { sequence: 1 }),
      invalidCaseOpened(residentId),
      caseOpened(residentId, { sequence: 3 }),
    ];
    await appendToIntake(temporary.store, [before1, before2, invalid, after].map((event) => ({ residentId, event })));
    const failures: unknown[] = [];

    const first = relay(temporary.store, { onFailure: (error) => failures.push(error) });
    await first.start();
    const stopped = first.stopped;

    await expect(stopped).rejects.toThrow(InvalidStoredEventError);
    await expect(stopped).rejects.toThrow(invalid.id);
    await expect(stopped).rejects.toThrow('/needCategory: is required');
    expect(failures).toHaveLength(1);
    expect((await readTopic(kafka, topic)).map((record) => record.headers['ce_id'])).toEqual([before1.id, before2.id]);

    const restarted = relay();
    await restarted.start();
    await expect(restarted.stopped).rejects.toMatchObject({ name: 'InvalidStoredEventError', eventId: invalid.id });
    // The same two again: the checkpoint never moved past the batch holding the invalid event.
    expect(await recordCount(kafka, topic)).toBe(4);
  });

  it('loses nothing when killed between acknowledgements and the checkpoint: the restart republishes the unsaved sends and idempotent handlers absorb them', async () => {
    const perResident = 40;
    const [batchSize, sendsPerRead, killAfterSends] = [50, 3, 5];
    const events = interleavedCaseOpenings(30, perResident);
    const stored = await appendToIntake(temporary.store, events);

    const child = startRelayProcess(temporary.url, { batchSize, sendsPerRead, killAfterSends });
    cleanups.push(async () => child.kill('SIGKILL'));
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const publishedBeforeKill = await recordCount(kafka, topic);

    const restarted = relay(temporary.store, { batchSize, sendsPerRead });
    await restarted.start();
    await restarted.caughtUp;
    const published = await recordCount(kafka, topic);
    const consumerName = uniqueConsumer();
    const consumer = await startRecordingConsumer({
      store: temporary.store,
      topic,
      consumer: consumerName,
      transport: new KafkaEventTransport({
        consumer: consumerName,
        brokers,
        retry: FAST_RETRIES,
        partitionsConsumedConcurrently: 3,
        maxWaitTimeInMs: TEST_FETCH_WAIT_MS,
        logLevel: logLevel.NOTHING,
      }),
    });
    cleanups.push(() => consumer.stop());
    const residentIds = [...new Set(events.map(({ residentId }) => residentId))];
    const deliveredRecords = () =>
      new Set((consumer.recording.contexts as KafkaContext[]).map((context) => `${context.getPartition()}@${context.getMessage().offset}`)).size;
    await waitUntil('every record on the topic is delivered', () => deliveredRecords() >= published);
    await waitUntil('every event has its effect', async () =>
      (await Promise.all(residentIds.map(async (id) => (await effects(temporary.store, id)).length))).every((n) => n === perResident),
    );

    // Sends 1–3 were one read, checkpointed; sends 4–5 were half of the next read, acknowledged
    // by Kafka but never checkpointed: those 100 events go out twice, nothing more.
    const checkpointed = 3 * batchSize;
    const repeated = killAfterSends * batchSize - checkpointed;
    expect(exit).toBe('SIGKILL');
    expect(publishedBeforeKill).toBe(killAfterSends * batchSize);
    expect(restarted.published).toBe(stored.length - checkpointed);
    expect(published).toBe(stored.length + repeated);
    const delivered = new Set(consumer.recording.deliveries.map((delivery) => delivery.id));
    expect(stored.filter((event) => !delivered.has(event.id))).toEqual([]);
    // Every record, the repeats included, reached the handler (counted by record: a handler retry
    // delivers the same record again and is not a repeat).
    expect(deliveredRecords()).toBe(stored.length + repeated);
    // Delivered twice, recorded once, and still in each resident's order.
    for (const residentId of residentIds) {
      expect(await effectSequences(temporary.store, residentId)).toEqual(Array.from({ length: perResident }, (_, n) => n));
    }
  });

  it('relays from a PostgreSQL store too, end to end to a consumer', async () => {
    const database = await scratchPostgresDatabase('messaging_relay');
    cleanups.push(() => database.drop());
    const store = await createEventStore(database.url);
    cleanups.push(() => store.close());
    const events = interleavedCaseOpenings(4, 5);
    const stored = await appendToIntake(store, events);

    const postgresRelay = relay(store);
    await postgresRelay.start();
    const consumerName = uniqueConsumer();
    const consumer = await startRecordingConsumer({
      store,
      topic,
      consumer: consumerName,
      transport: new KafkaEventTransport({
        consumer: consumerName,
        brokers,
        retry: FAST_RETRIES,
        maxWaitTimeInMs: TEST_FETCH_WAIT_MS,
        logLevel: logLevel.NOTHING,
      }),
    });
    cleanups.push(() => consumer.stop());
    const residentIds = [...new Set(events.map(({ residentId }) => residentId))];
    await waitUntil('every event has its effect', async () =>
      (await Promise.all(residentIds.map(async (id) => (await effects(store, id)).length))).every((n) => n === 5),
    );

    expect(new Set(consumer.recording.deliveries.map((delivery) => delivery.id))).toEqual(new Set(stored.map((event) => event.id)));
    for (const residentId of residentIds) expect(await effectSequences(store, residentId)).toEqual([0, 1, 2, 3, 4]);
  });

  it('writes records that kcat, knowing nothing of LASTRI, shows as CloudEvents headers and a JSON body', async () => {
    const kcat = execFileSync('bash', [path.join(REPO_ROOT, 'infra/local/kcat.sh')], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
    const residentId = newId();
    const [event] = await appendToIntake(temporary.store, [{ residentId, event: caseOpened(residentId, { sequence: 5 }) }]);
    const published = relay();
    await published.start();
    await published.caughtUp;

    const output = execFileSync(kcat, ['-b', brokers.join(','), '-C', '-t', topic, '-o', 'beginning', '-c', '1', '-e', '-q', '-J'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const record = JSON.parse(output.trim().split('\n')[0]) as { key: string; payload: string; headers: string[] };
    const headers = Object.fromEntries(
      Array.from({ length: record.headers.length / 2 }, (_, pair) => [record.headers[2 * pair], record.headers[2 * pair + 1]]),
    );

    expect(record.key).toBe(residentId);
    expect(JSON.parse(record.payload)).toEqual(event.data);
    expect(headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'CaseOpened',
      ce_source: '/lastri/intake',
      ce_subject: residentId,
      ce_time: event.metadata.occurredAt,
      ce_dataschema: 'https://lastri.pasuruankota.go.id/contracts/events/intake/case-opened.v1.schema.json',
      ce_correlationid: event.metadata.correlationId,
    });
  });

  function startRelayProcess(
    storeUrl: string,
    { batchSize, sendsPerRead, killAfterSends }: { batchSize: number; sendsPerRead: number; killAfterSends: number },
  ): ChildProcess {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, '../testing/relay.child.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        STORE_URL: storeUrl,
        KAFKA_BROKERS: brokers.join(','),
        TOPIC: topic,
        BATCH_SIZE: String(batchSize),
        SENDS_PER_READ: String(sendsPerRead),
        KILL_AFTER_SENDS: String(killAfterSends),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  }
});
