/**
 * Dead letters on Kafka: `lastri.<consumer>.dlq` holds the original record (key, value, headers,
 * byte for byte) plus `dlq_*` headers saying why. A dedicated group's committed offset on that
 * topic marks what has been re-driven: listing reads without committing, re-driving publishes
 * each pending record back to its original topic and commits past it.
 */
import { deadLetterTopic } from '@lastri/contracts';
import { Partitioners, type IHeaders, type Kafka, type KafkaMessage, type Message, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

import { headerStrings } from '../envelope/cloud-events.kafka';
import type { DeliveryFailure } from '../consumer/event-delivery';
import { redriveGroupId } from '../consumer/consumer-names';
import { describeError, type DeadLetter, type DeadLetterQueue } from './dead-letter';

export const DEAD_LETTER_HEADERS = Object.freeze({
  consumer: 'dlq_consumer',
  handler: 'dlq_handler',
  errorName: 'dlq_error_name',
  errorMessage: 'dlq_error_message',
  stackDigest: 'dlq_error_stack_digest',
  attempts: 'dlq_attempts',
  originalTopic: 'dlq_original_topic',
  originalPartition: 'dlq_original_partition',
  originalOffset: 'dlq_original_offset',
  failedAt: 'dlq_failed_at',
});

const DLQ_HEADER_PREFIX = 'dlq_';

export interface FailedKafkaRecord {
  consumer: string;
  topic: string;
  partition: number;
  message: KafkaMessage;
  failure: DeliveryFailure;
}

/** The dead-letter record: the original record untouched, plus the reasons. */
export function deadLetterMessage({ consumer, topic, partition, message, failure }: FailedKafkaRecord): Message {
  const error = describeError(failure.error);
  const reasons: Record<string, string> = {
    [DEAD_LETTER_HEADERS.consumer]: consumer,
    [DEAD_LETTER_HEADERS.errorName]: error.name,
    [DEAD_LETTER_HEADERS.errorMessage]: error.message,
    [DEAD_LETTER_HEADERS.stackDigest]: error.stackDigest,
    [DEAD_LETTER_HEADERS.attempts]: String(failure.attempts),
    [DEAD_LETTER_HEADERS.originalTopic]: topic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(partition),
    [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
    [DEAD_LETTER_HEADERS.failedAt]: failure.failedAt.toISOString(),
    ...(failure.handler ? { [DEAD_LETTER_HEADERS.handler]: failure.handler } : {}),
  };
  return { key: message.key, value: message.value, headers: { ...withoutDeadLetterHeaders(message.headers), ...reasons } };
}

export async function publishDeadLetter(producer: Producer, failed: FailedKafkaRecord): Promise<void> {
  await producer.send({ topic: deadLetterTopic(failed.consumer), acks: -1, messages: [deadLetterMessage(failed)] });
}

export function withoutDeadLetterHeaders(headers: IHeaders | undefined): IHeaders {
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!name.startsWith(DLQ_HEADER_PREFIX)) kept[name] = value;
  }
  return kept;
}

export interface KafkaDeadLetterQueueOptions {
  /** Gives up reading the dead-letter topic after this long (a broker gone away). */
  readTimeoutMs?: number;
  /** KAFKA_GROUP_PREFIX of the stack whose dead letters these are (default `lastri`). */
  groupPrefix?: string;
}

export class KafkaDeadLetterQueue implements DeadLetterQueue {
  readonly topic: string;
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    readonly consumer: string,
    private readonly options: KafkaDeadLetterQueueOptions = {},
  ) {
    this.topic = deadLetterTopic(consumer);
  }

  private redriveGroup(): string {
    return redriveGroupId(this.consumer, this.options.groupPrefix);
  }

  async list(options: { includeRedriven?: boolean } = {}): Promise<DeadLetter[]> {
    const { ends, starts: redrivenUpTo } = await this.positions(this.redriveGroup());
    // Read from the start through a throwaway group that never commits: listing moves nothing.
    const everything = { ends, starts: new Map([...ends.keys()].map((partition) => [partition, 0n])) };
    const letters: DeadLetter[] = [];
    await this.readUntil(`${this.redriveGroup()}.list-${randomUUID()}`, everything, async (partition, message) => {
      const redriven = BigInt(message.offset) < (redrivenUpTo.get(partition) ?? 0n);
      if (redriven && !options.includeRedriven) return;
      letters.push(this.toDeadLetter(partition, message, redriven ? 'redriven' : 'pending'));
    });
    return letters.sort(byFailedAt);
  }

  async redrive(): Promise<DeadLetter[]> {
    const group = this.redriveGroup();
    const positions = await this.positions(group);
    const producer = await this.connectedProducer();
    const redriven: DeadLetter[] = [];
    // The re-drive group resumes where the last re-drive committed; it stops at the end the
    // topic had when this call began, so a record that fails again and returns is left for later.
    await this.readUntil(group, positions, async (partition, message, commit) => {
      const letter = this.toDeadLetter(partition, message, 'redriven');
      await producer.send({
        topic: letter.original.topic,
        acks: -1,
        messages: [{ key: message.key, value: message.value, headers: withoutDeadLetterHeaders(message.headers) }],
      });
      await commit();
      redriven.push(letter);
    });
    return redriven;
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  /**
   * For each partition of the dead-letter topic: where it ends now, and where `groupId` would
   * start reading (its committed offset, or the first offset retention kept).
   */
  private async positions(groupId: string): Promise<{ ends: Map<number, bigint>; starts: Map<number, bigint> }> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await retryWhileTopicSettles(async () => {
        if (!(await admin.listTopics()).includes(this.topic)) return { ends: new Map(), starts: new Map() };
        const offsets = await admin.fetchTopicOffsets(this.topic);
        const [committed] = await admin.fetchOffsets({ groupId, topics: [this.topic] });
        const committedOf = new Map((committed?.partitions ?? []).map(({ partition, offset }) => [partition, offset]));
        const ends = new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)]));
        const starts = new Map(
          offsets.map(({ partition, low }) => {
            const offset = committedOf.get(partition) ?? '-1';
            const start = offset === '-1' ? BigInt(low) : BigInt(offset) > BigInt(low) ? BigInt(offset) : BigInt(low);
            return [partition, start];
          }),
        );
        return { ends, starts };
      });
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Reads each partition through group `groupId` from `starts` up to (excluding) `ends`;
   * `commit` commits past the message given. Resolves once every partition is read.
   */
  private async readUntil(
    groupId: string,
    { ends, starts }: { ends: Map<number, bigint>; starts: Map<number, bigint> },
    onMessage: (partition: number, message: KafkaMessage, commit: () => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const unfinished = new Set([...ends].filter(([partition, end]) => (starts.get(partition) ?? 0n) < end).map(([p]) => p));
    if (unfinished.size === 0) return;

    // A short fetch wait: the read ends at a known offset, and disconnect waits for the fetch in flight.
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`Timed out reading ${this.topic}: partitions ${[...unfinished].join(', ')} not read to the end.`)),
          this.options.readTimeoutMs ?? 30_000,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const end = ends.get(partition);
              if (end === undefined || BigInt(message.offset) >= end || !unfinished.has(partition)) return;
              try {
                const next = (BigInt(message.offset) + 1n).toString();
                await onMessage(partition, message, () =>
                  consumer.commitOffsets([{ topic: this.topic, partition, offset: next }]),
                );
              } catch (error) {
                clearTimeout(timer);
                reject(error);
                return;
              }
              if (BigInt(message.offset) + 1n >= end) unfinished.delete(partition);
              if (unfinished.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }

  private toDeadLetter(partition: number, message: KafkaMessage, status: DeadLetter['status']): DeadLetter {
    const headers = headerStrings(message.headers);
    const h = DEAD_LETTER_HEADERS;
    return {
      id: `${this.topic}/${partition}/${message.offset}`,
      consumer: headers[h.consumer] ?? this.consumer,
      ...(headers[h.handler] ? { handler: headers[h.handler] } : {}),
      ...(headers['ce_id'] ? { eventId: headers['ce_id'] } : {}),
      ...(headers['ce_type'] ? { eventType: headers['ce_type'] } : {}),
      ...(headers['ce_subject'] ? { residentId: headers['ce_subject'] } : {}),
      original: {
        topic: headers[h.originalTopic],
        partition: Number(headers[h.originalPartition]),
        offset: headers[h.originalOffset],
      },
      error: {
        name: headers[h.errorName] ?? 'Error',
        message: headers[h.errorMessage] ?? '',
        stackDigest: headers[h.stackDigest] ?? '',
      },
      attempts: Number(headers[h.attempts] ?? 0),
      failedAt: headers[h.failedAt] ?? '',
      status,
    };
  }
}

/** A topic created a moment ago (auto-created by its first dead letter) may not have leaders yet. */
async function retryWhileTopicSettles<T>(work: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function byFailedAt(a: DeadLetter, b: DeadLetter): number {
  return a.failedAt.localeCompare(b.failedAt) || a.id.localeCompare(b.id);
}
