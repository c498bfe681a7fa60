/**
 * Relay benchmark (not a test: nothing here asserts a time).
 *   node -r @swc-node/register tools/bench/relay.ts
 * 1. Throughput: EventRelay (SQLite store → contract check → CloudEvents → Kafka from its
 *    producer thread, checkpoint per read) beside a raw kafkajs producer on this thread, sending
 *    the same records with the same producer settings and request size, in the same run: many
 *    short rounds, alternating which goes first, so both see the same load on a shared machine;
 *    the ratio is the median of the rounds' ratios. CPU time of this process, all its threads, is
 *    reported beside it (the broker's is not included).
 * 2. Latency: a consumer's append → handler time, on the Kafka transport (through a live relay)
 *    and on the embedded transport, events appended one at a time at a steady rate.
 * Settings (--events=… or BENCH_EVENTS=…, see bench-measure.ts): events (10000 per round), rounds (15),
 * batch (500), latency-events (1000), rate (250 events/s); KAFKA_BROKERS or the local broker of infra/local.
 */
import { createEventStore, START, type EventStore } from '@lastri/event-store';
import {
  EmbeddedEventStoreTransport,
  EventConsumer,
  EventRelay,
  KafkaEventTransport,
  listenWithEventTransport,
  toKafkaRecord,
  type EventEnvelope,
  type OutgoingKafkaRecord,
} from '@lastri/messaging';
import { EVENT_TOPICS, residentStreamName } from '@lastri/contracts';
import { newId } from '@lastri/kernel';
import { kafkaBrokers, uniqueName } from '@lastri/testing';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import 'reflect-metadata';

import { createTopic, deleteTopics, silentLogger } from '@lastri/messaging/src/testing/kafka-topics';

import { formatMs, formatRate, integerSetting, median, percentile } from './bench-measure';
import { table } from './relay-stats';
import { appendWorkload, caseOpening } from './relay-workload';

const EVENTS = integerSetting('events', 10_000);
const ROUNDS = integerSetting('rounds', 15);
const BATCH = integerSetting('batch', 500);
const LATENCY_EVENTS = integerSetting('latency-events', 1_000);
const RATE = integerSetting('rate', 250);
const RESIDENTS = 1_000;
const PARTITIONS = 6;
const silent = silentLogger();

async function main(): Promise<void> {
  const brokers = (await kafkaBrokers()).split(',');
  const kafka = new Kafka({ clientId: 'lastri-bench-relay', brokers, logLevel: logLevel.NOTHING });
  const dir = mkdtempSync(path.join(tmpdir(), 'lastri-bench-relay-'));
  const topics: string[] = [];
  const newTopic = async (label: string) => {
    const topic = uniqueName(`lastri.bench.${label}`);
    await createTopic(kafka, topic, PARTITIONS);
    topics.push(topic);
    return topic;
  };

  try {
    const baseFile = path.join(dir, 'base.db');
    const base = await createEventStore(`sqlite:${baseFile}`);
    await appendWorkload(base, EVENTS, RESIDENTS);
    const records = (await base.readAll(START, EVENTS)).map(toKafkaRecord);
    await base.close();

    const relayRates: number[] = [];
    const rawRates: number[] = [];
    const ratios: number[] = [];
    const relayCpu: number[] = [];
    const rawCpu: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      // Round 0 warms up connections and JIT and is not counted. The two alternate which goes
      // first, and each round's ratio compares runs made seconds apart under the same load.
      const relayTopic = await newTopic('relay');
      const rawTopic = await newTopic('raw');
      const roundFile = path.join(dir, `round-${round}.db`);
      let relay: Measured;
      let raw: Measured;
      if (round % 2 === 0) {
        relay = await relayRound(brokers, relayTopic, baseFile, roundFile);
        raw = await rawRound(kafka, rawTopic, records);
      } else {
        raw = await rawRound(kafka, rawTopic, records);
        relay = await relayRound(brokers, relayTopic, baseFile, roundFile);
      }
      const [relayRate, rawRate] = [relay.eventsPerSecond, raw.eventsPerSecond];
      if (round > 0) {
        relayRates.push(relayRate);
        rawRates.push(rawRate);
        ratios.push(relayRate / rawRate);
        relayCpu.push(relay.cpuMsPer1000);
        rawCpu.push(raw.cpuMsPer1000);
      }
      process.stderr.write(
        `round ${round}${round === 0 ? ' (warm-up)' : ''}: relay ${formatRate(relayRate)}/s, raw ${formatRate(rawRate)}/s, ` +
          `ratio ${(relayRate / rawRate).toFixed(2)}\n`,
      );
    }

    const kafkaLatencies = await kafkaLatency(brokers, await newTopic('latency'), path.join(dir, 'latency-kafka.db'));
    const embeddedLatencies = await embeddedLatency(path.join(dir, 'latency-embedded.db'));

    const relayRate = median(relayRates);
    const rawRate = median(rawRates);
    console.log(
      `relay benchmark: ${EVENTS} events a round (${RESIDENTS} residents), sends of ${BATCH}, ${PARTITIONS} partitions, ` +
        `medians of ${ROUNDS} paired rounds (round ratios ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); ` +
        `latency: ${LATENCY_EVENTS} events appended at ${RATE}/s`,
    );
    for (const line of table(
      ['measure', 'value', 'detail'],
      [
        ['raw kafkajs producer, same records', `${formatRate(rawRate)} events/s`, `${formatMs(median(rawCpu))} ms CPU per 1000 events`],
        ['EventRelay store → Kafka', `${formatRate(relayRate)} events/s`, `${formatMs(median(relayCpu))} ms CPU per 1000 events`],
        ['Kafka consumer append → handler p50', `${formatMs(percentile(kafkaLatencies, 50))} ms`, 'relay + KafkaEventTransport'],
        ['Kafka consumer append → handler p99', `${formatMs(percentile(kafkaLatencies, 99))} ms`, `${kafkaLatencies.length} events`],
        ['embedded consumer append → handler p50', `${formatMs(percentile(embeddedLatencies, 50))} ms`, 'EmbeddedEventStoreTransport'],
        ['embedded consumer append → handler p99', `${formatMs(percentile(embeddedLatencies, 99))} ms`, `${embeddedLatencies.length} events`],
      ],
    )) {
      console.log(line);
    }
    console.log(`ratios relay/raw=${median(ratios).toFixed(2)}`);
  } finally {
    await deleteTopics(kafka, topics);
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Measured {
  eventsPerSecond: number;
  cpuMsPer1000: number;
}

async function measure(count: number, work: () => Promise<void>): Promise<Measured> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await work();
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { eventsPerSecond: count / (elapsed / 1000), cpuMsPer1000: (cpu.user + cpu.system) / 1000 / (count / 1000) };
}

/** From a copy of the loaded store (so the relay's checkpoint starts at zero) to the last ack. */
async function relayRound(brokers: string[], topic: string, baseFile: string, roundFile: string): Promise<Measured> {
  copyFileSync(baseFile, roundFile);
  const store = await createEventStore(`sqlite:${roundFile}`);
  const relay = new EventRelay({ store, kafka: { clientId: 'lastri-bench-relay', brokers, logLevel: logLevel.NOTHING }, context: 'intake', topic, batchSize: BATCH, logger: silent });
  const measured = await measure(EVENTS, async () => {
    await relay.start();
    await relay.caughtUp;
  });
  await relay.stop();
  await store.close();
  rmSync(roundFile, { force: true });
  if (relay.published !== EVENTS) throw new Error(`The relay published ${relay.published} of ${EVENTS} events.`);
  return measured;
}

/** The same records, the same producer settings and request size, no store. */
async function rawRound(kafka: Kafka, topic: string, records: OutgoingKafkaRecord[]): Promise<Measured> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const measured = await measure(records.length, async () => {
    await producer.connect();
    for (let from = 0; from < records.length; from += BATCH) {
      await producer.send({ topic, acks: -1, messages: records.slice(from, from + BATCH) });
    }
  });
  await producer.disconnect();
  return measured;
}

async function kafkaLatency(brokers: string[], topic: string, file: string): Promise<number[]> {
  const store = await createEventStore(`sqlite:${file}`);
  const relay = new EventRelay({ store, kafka: { clientId: 'lastri-bench-relay', brokers, logLevel: logLevel.NOTHING }, context: 'intake', topic, batchSize: BATCH, logger: silent });
  await relay.start();
  const consumer = `bench-${newId().slice(0, 8)}`;
  try {
    return await measureLatency(store, topic, consumer, new KafkaEventTransport({ consumer, brokers, logLevel: logLevel.NOTHING, partitionsConsumedConcurrently: PARTITIONS }));
  } finally {
    await relay.stop();
    await store.close();
  }
}

async function embeddedLatency(file: string): Promise<number[]> {
  const store = await createEventStore(`sqlite:${file}`);
  try {
    return await measureLatency(store, EVENT_TOPICS.intake, 'bench-embedded', new EmbeddedEventStoreTransport({ store }));
  } finally {
    await store.close();
  }
}

/** Appends one event at a time at RATE per second; each handler call records now − its append. */
async function measureLatency(store: EventStore, topic: string, consumer: string, transport: CustomTransportStrategy): Promise<number[]> {
  const appendedAt = new Map<string, number>();
  const latencies: number[] = [];
  let allArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (allArrived = resolve));

  @EventConsumer(consumer)
  class LatencyProbe {
    @EventPattern(topic)
    async handle(@Payload() event: EventEnvelope): Promise<void> {
      const at = appendedAt.get(event.id);
      if (at === undefined) return;
      appendedAt.delete(event.id);
      latencies.push(performance.now() - at);
      if (latencies.length === LATENCY_EVENTS) allArrived();
    }
  }

  const moduleRef = await Test.createTestingModule({ controllers: [LatencyProbe] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await listenWithEventTransport(app, transport, 0, '127.0.0.1');
  try {
    // A first event the consumer must see before measuring: it has joined its group by then.
    const warmUp = caseOpening(newId(), 0);
    appendedAt.set(warmUp.id, performance.now());
    await store.append(residentStreamName('intake', warmUp.metadata.residentId), [warmUp], 'any');
    while (appendedAt.has(warmUp.id)) await new Promise((resolve) => setTimeout(resolve, 10));
    latencies.length = 0;

    const residents = Array.from({ length: 100 }, () => newId());
    const interval = 1000 / RATE;
    const start = performance.now();
    for (let n = 0; n < LATENCY_EVENTS; n++) {
      const due = start + n * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const residentId = residents[n % residents.length];
      const event = caseOpening(residentId, n);
      appendedAt.set(event.id, performance.now());
      await store.append(residentStreamName('intake', residentId), [event], 'any');
    }
    await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('Latency run timed out.')), 60_000))]);
    return latencies;
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
