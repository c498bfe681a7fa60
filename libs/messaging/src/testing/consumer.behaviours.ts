/**
 * What a LASTRI consumer does, written once and run against each transport (Kafka, embedded):
 * a transport passes only if the same handler code sees the same behaviour on both.
 * A "world" is one transport's plumbing for one test: a store to append to, the topic handlers
 * subscribe to, and whatever carries appended events to them (a relay, or nothing).
 */
import type { EventStore, StoredEvent } from '@lastri/event-store';
import { newId } from '@lastri/kernel';
import type { INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, Payload, type CustomTransportStrategy } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';

import { appendCausedEvents, causedBy } from '../consumer/caused-events';
import { EventConsumer } from '../consumer/event-consumer.decorator';
import { listenWithEventTransport } from '../consumer/hybrid-app';
import type { RetryPolicy } from '../consumer/retry-policy';
import type { DeadLetterQueue } from '../dead-letter/dead-letter';
import type { EventEnvelope } from '../envelope/event-envelope';
import { POISON, appendToIntake, caseOpened, interleavedCaseOpenings, sequenceOf } from './intake-events.fixture';
import { waitUntil } from './wait-until';

export const FAST_RETRIES: RetryPolicy = { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 80 };

/** Kafka consumers in tests: a short idle fetch, so that stopping one does not wait seconds. */
export const TEST_FETCH_WAIT_MS = 100;

export interface ConsumerWorld {
  readonly store: EventStore;
  readonly topic: string;
  /** Starts carrying appended intake events to the topic (Kafka: a relay; embedded: nothing to do). */
  startCarrying(): Promise<void>;
  /** Puts a well-formed message with schema-invalid data on the topic, as a broken producer would. Returns its event id. */
  injectSchemaInvalid(residentId: string): Promise<string>;
  /** A new transport for `consumer`, retrying with FAST_RETRIES. */
  transport(consumer: string): CustomTransportStrategy;
  deadLetters(consumer: string): DeadLetterQueue;
  /** How the topic context looks to a handler on this transport. */
  readonly contextTopic: (context: unknown) => string;
  tearDown(): Promise<void>;
}

export interface TransportUnderTest {
  readonly name: string;
  world(): Promise<ConsumerWorld>;
}

const RECORDING_HANDLER = 'record-case-opening';
const effectsStream = (residentId: string) => `effects-${residentId}`;

interface Recording {
  deliveries: EventEnvelope[];
  contexts: unknown[];
  attempts: Map<string, number>;
}

export interface HandlerBehaviour {
  /** Throw on this delivery? `attempt` counts this consumer's deliveries of the event, from 1. */
  fails?(event: EventEnvelope, attempt: number): boolean;
}

export class RunningConsumer {
  constructor(
    readonly app: INestApplication,
    readonly recording: Recording,
  ) {}

  deliveriesOf(eventId: string): number {
    return this.recording.deliveries.filter((delivery) => delivery.id === eventId).length;
  }

  stop(): Promise<void> {
    return this.app.close();
  }
}

export interface RecordingConsumerOptions {
  /** Where the handler appends its effects (`effects-<residentId>`). */
  store: EventStore;
  topic: string;
  consumer: string;
  transport: CustomTransportStrategy;
  behaviour?: HandlerBehaviour;
}

/** A Nest hybrid app whose one handler records each delivery and appends an idempotent effect. */
export async function startRecordingConsumer({ store, topic, consumer, transport, behaviour = {} }: RecordingConsumerOptions): Promise<RunningConsumer> {
  const recording: Recording = { deliveries: [], contexts: [], attempts: new Map() };

  // The handler as a context would write it: idempotent by a deterministic id, nothing else.
  @EventConsumer(consumer)
  class CaseOpeningRecorder {
    @EventPattern(topic)
    async handle(@Payload() event: EventEnvelope, @Ctx() context: unknown): Promise<void> {
      const attempt = (recording.attempts.get(event.id) ?? 0) + 1;
      recording.attempts.set(event.id, attempt);
      recording.deliveries.push(event);
      recording.contexts.push(context);
      // A little jitter, so that concurrently handled partitions really interleave.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
      if (behaviour.fails?.(event, attempt)) throw new Error(`Cannot record case opening ${event.id}`);
      const reaction = causedBy(event, { handler: RECORDING_HANDLER, actor: `service:${consumer}`, at: new Date() });
      await appendCausedEvents(store, effectsStream(event.residentId), () => [
        reaction.event('CaseOpeningRecorded', { sequence: sequenceOf(event.data) }, { schemaVersion: 1 }),
      ]);
    }
  }

  const moduleRef = await Test.createTestingModule({ controllers: [CaseOpeningRecorder] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await listenWithEventTransport(app, transport, 0, '127.0.0.1');
  return new RunningConsumer(app, recording);
}

export async function effects(store: EventStore, residentId: string): Promise<StoredEvent[]> {
  return store.readStream(effectsStream(residentId));
}

export async function effectSequences(store: EventStore, residentId: string): Promise<number[]> {
  return (await effects(store, residentId)).map((effect) => (effect.data as { sequence: number }).sequence);
}

export function uniqueConsumer(): string {
  return `test-consumer-${randomBytes(4).toString('hex')}`;
}

export function describeConsumerBehaviours(subject: TransportUnderTest): void {
  describe(`a consumer on the ${subject.name} transport`, () => {
    // Waits below have their own deadlines; this only keeps jest's 5 s default from cutting a Kafka group join short.
    jest.setTimeout(60_000);
    let world: ConsumerWorld;
    const running: RunningConsumer[] = [];

    beforeEach(async () => {
      world = await subject.world();
    });
    afterEach(async () => {
      await Promise.all(running.splice(0).map((consumer) => consumer.stop().catch(() => undefined)));
      await world.tearDown();
    });

    async function consume(consumer: string, behaviour?: HandlerBehaviour): Promise<RunningConsumer> {
      const started = await startRecordingConsumer({
        store: world.store,
        topic: world.topic,
        consumer,
        transport: world.transport(consumer),
        behaviour,
      });
      running.push(started);
      return started;
    }

    it('hands each appended event to the handler as a CloudEvents envelope, and its effect happens once', async () => {
      const residentId = newId();
      const events = [0, 1, 2].map((sequence) => ({ residentId, event: caseOpened(residentId, { sequence }) }));
      const stored = await appendToIntake(world.store, events);
      await world.startCarrying();

      const consumer = await consume(uniqueConsumer());
      await waitUntil('three effects are recorded', async () => (await effects(world.store, residentId)).length === 3);

      const first = consumer.recording.deliveries.find((delivery) => delivery.id === stored[0].id);
      expect(first).toEqual({
        id: stored[0].id,
        type: 'CaseOpened',
        schemaVersion: 1,
        source: '/lastri/intake',
        residentId,
        occurredAt: stored[0].metadata.occurredAt,
        dataschema: 'https://lastri.pasuruankota.go.id/contracts/events/intake/case-opened.v1.schema.json',
        correlationId: stored[0].metadata.correlationId,
        data: stored[0].data,
      });
      expect(world.contextTopic(consumer.recording.contexts[0])).toBe(world.topic);
      expect(await effectSequences(world.store, residentId)).toEqual([0, 1, 2]);
      const [effect] = await effects(world.store, residentId);
      expect(effect.metadata).toMatchObject({ causationId: stored[0].id, correlationId: stored[0].metadata.correlationId });
    });

    it('retries a handler that fails for a while, and no dead letter is left', async () => {
      const residentId = newId();
      const [stored] = await appendToIntake(world.store, [{ residentId, event: caseOpened(residentId) }]);
      await world.startCarrying();
      const consumerName = uniqueConsumer();

      const consumer = await consume(consumerName, { fails: (_event, attempt) => attempt < 3 });
      await waitUntil('the effect is recorded', async () => (await effects(world.store, residentId)).length === 1);

      expect(consumer.deliveriesOf(stored.id)).toBe(3);
      expect(await world.deadLetters(consumerName).list()).toEqual([]);
    });

    it('dead-letters a poison message after its retries, and the messages behind it proceed', async () => {
      const poisoned = newId();
      const bystander = newId();
      const stored = await appendToIntake(world.store, [
        { residentId: poisoned, event: caseOpened(poisoned, { sequence: 0 }) },
        { residentId: poisoned, event: caseOpened(poisoned, { description: POISON }) },
        { residentId: poisoned, event: caseOpened(poisoned, { sequence: 2 }) },
        { residentId: bystander, event: caseOpened(bystander, { sequence: 0 }) },
        { residentId: bystander, event: caseOpened(bystander, { sequence: 1 }) },
      ]);
      const poison = stored[1];
      await world.startCarrying();
      const consumerName = uniqueConsumer();

      const consumer = await consume(consumerName, {
        fails: (event) => (event.data as { description: string }).description === POISON,
      });
      const deadLetters = world.deadLetters(consumerName);
      await waitUntil('the poison message is dead-lettered', async () => (await deadLetters.list()).length === 1);
      await waitUntil('the other messages are handled', async () =>
        (await effects(world.store, poisoned)).length === 2 && (await effects(world.store, bystander)).length === 2,
      );

      expect(await effectSequences(world.store, poisoned)).toEqual([0, 2]);
      expect(await effectSequences(world.store, bystander)).toEqual([0, 1]);
      expect(consumer.deliveriesOf(poison.id)).toBe(FAST_RETRIES.maxAttempts);
      const [letter] = await deadLetters.list();
      expect(letter).toMatchObject({
        consumer: consumerName,
        handler: 'CaseOpeningRecorder.handle',
        eventId: poison.id,
        eventType: 'CaseOpened',
        residentId: poisoned,
        attempts: FAST_RETRIES.maxAttempts,
        status: 'pending',
        original: { topic: world.topic },
        error: { name: 'Error', message: `Cannot record case opening ${poison.id}` },
      });
      expect(letter.error.stackDigest).toMatch(/^[0-9a-f]{16}$/);
      expect(Date.parse(letter.failedAt)).not.toBeNaN();
    });

    it('dead-letters a schema-invalid message with the validation error, never calling the handler, and goes on', async () => {
      const residentId = newId();
      const invalidId = await world.injectSchemaInvalid(residentId);
      await appendToIntake(world.store, [{ residentId, event: caseOpened(residentId, { sequence: 1 }) }]);
      await world.startCarrying();
      const consumerName = uniqueConsumer();

      const consumer = await consume(consumerName);
      const deadLetters = world.deadLetters(consumerName);
      await waitUntil('the invalid message is dead-lettered', async () => (await deadLetters.list()).length === 1);
      await waitUntil('the valid message behind it is handled', async () => (await effects(world.store, residentId)).length === 1);

      const [letter] = await deadLetters.list();
      expect(letter).toMatchObject({ eventId: invalidId, attempts: 0, error: { name: 'EventDataInvalidError' } });
      expect(letter.handler).toBeUndefined();
      expect(letter.error.message).toContain('/needCategory: is required');
      expect(letter.error.message).toContain('/unexpected: is not allowed here');
      expect(consumer.deliveriesOf(invalidId)).toBe(0);
    });

    it("keeps each resident's events in order across many residents", async () => {
      const residents = 24;
      const perResident = 8;
      const events = interleavedCaseOpenings(residents, perResident);
      await appendToIntake(world.store, events);
      await world.startCarrying();

      const consumer = await consume(uniqueConsumer());
      const residentIds = [...new Set(events.map(({ residentId }) => residentId))];
      await waitUntil('every event is handled', async () => {
        const counts = await Promise.all(residentIds.map(async (id) => (await effects(world.store, id)).length));
        return counts.every((count) => count === perResident);
      });

      const inOrder = Array.from({ length: perResident }, (_, sequence) => sequence);
      for (const residentId of residentIds) {
        expect(await effectSequences(world.store, residentId)).toEqual(inOrder);
        const firstDeliveries = [
          ...new Map(
            consumer.recording.deliveries
              .filter((delivery) => delivery.residentId === residentId)
              .map((delivery) => [delivery.id, sequenceOf(delivery.data)]),
          ).values(),
        ];
        expect(firstDeliveries).toEqual(inOrder);
      }
    });

    it('resumes where it stopped after a restart, and nothing happens twice', async () => {
      const events = interleavedCaseOpenings(10, 20);
      await appendToIntake(world.store, events);
      await world.startCarrying();
      const residentIds = [...new Set(events.map(({ residentId }) => residentId))];
      const handled = async () =>
        (await Promise.all(residentIds.map(async (id) => (await effects(world.store, id)).length))).reduce((a, b) => a + b, 0);
      const consumerName = uniqueConsumer();

      const first = await consume(consumerName, {});
      await waitUntil('some events are handled', async () => (await handled()) >= 40);
      await first.stop();
      const second = await consume(consumerName);
      await waitUntil('every event is handled', async () => (await handled()) === events.length);

      for (const residentId of residentIds) {
        expect(await effectSequences(world.store, residentId)).toEqual(Array.from({ length: 20 }, (_, sequence) => sequence));
      }
      expect(first.recording.deliveries.length).toBeGreaterThan(0);
      expect(second.recording.deliveries.length).toBeLessThan(events.length);
    });

    it('re-drives a dead letter once the cause is fixed, and it is handled', async () => {
      const residentId = newId();
      const [stored] = await appendToIntake(world.store, [{ residentId, event: caseOpened(residentId, { description: POISON }) }]);
      await world.startCarrying();
      const consumerName = uniqueConsumer();
      let broken = true;

      const consumer = await consume(consumerName, { fails: () => broken });
      const deadLetters = world.deadLetters(consumerName);
      await waitUntil('the message is dead-lettered', async () => (await deadLetters.list()).length === 1);
      broken = false;
      const redriven = await deadLetters.redrive();
      await waitUntil('the re-driven message is handled', async () => (await effects(world.store, residentId)).length === 1);

      expect(redriven.map((letter) => letter.eventId)).toEqual([stored.id]);
      expect(consumer.deliveriesOf(stored.id)).toBe(FAST_RETRIES.maxAttempts + 1);
      expect(await deadLetters.list()).toEqual([]);
      expect(await deadLetters.list({ includeRedriven: true })).toMatchObject([{ eventId: stored.id, status: 'redriven' }]);
      expect(await deadLetters.redrive()).toEqual([]);
    });
  });
}
