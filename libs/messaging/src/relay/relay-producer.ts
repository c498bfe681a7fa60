/**
 * The relay's Kafka producer, on a thread of its own. kafkajs takes 25–30 µs of CPU per record
 * (the raw producer of tools/bench/relay.ts); on the relay's thread that work and the relay's own (reading
 * the store, checking contracts, encoding CloudEvents) take turns, while on two threads they
 * overlap, and the host's request handling does not wait behind either. One thread per process
 * serves every relay in it, each with a producer of its own, and it stays up between relays: with
 * a new thread per relay, kafkajs ran cold and a 10,000-event catch-up took about twice as long.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { KafkaConfig } from 'kafkajs';

import type { OutgoingKafkaRecord } from '../envelope/cloud-events.kafka';

/**
 * The kafkajs client settings, as data: they are copied to the producer thread, so no functions
 * (no logCreator, socketFactory or SASL provider callbacks) and brokers as a list.
 */
export type RelayKafkaConfig = Omit<KafkaConfig, 'brokers' | 'logCreator' | 'socketFactory'> & {
  brokers: string[];
};

export interface RelayProducer {
  connect(): Promise<void>;
  /**
   * Queues a send behind this producer's earlier ones: it goes out once the one before it is
   * acknowledged (acks=all), and fails unsent if one before it failed. Resolves on its own
   * acknowledgement.
   */
  send(topic: string, messages: OutgoingKafkaRecord[]): Promise<void>;
  /** At once: sends still queued fail. */
  disconnect(): Promise<void>;
}

/** A producer of its own on the process's producer thread, for one relay. */
export function relayProducer(config: RelayKafkaConfig): RelayProducer {
  const thread = ProducerThread.shared();
  const producer = thread.newProducerId();
  return {
    connect: () => thread.request({ op: 'open', producer, config }),
    send: (topic, messages) => thread.request({ op: 'send', producer, topic, messages }),
    disconnect: () => thread.request({ op: 'close', producer }),
  };
}

type Request =
  | { op: 'open'; producer: number; config: RelayKafkaConfig }
  | { op: 'send'; producer: number; topic: string; messages: OutgoingKafkaRecord[] }
  | { op: 'close'; producer: number };

interface Answer {
  seq: number;
  error?: { name: string; message: string; stack?: string };
}

const WORKER_FILE = path.join(__dirname, 'producer.worker.js');

class ProducerThread {
  private static current: ProducerThread | undefined;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
  private nextSeq = 0;
  private nextProducer = 0;
  private failure: Error | undefined;

  /** The process's thread; a new one if the last one failed. */
  static shared(): ProducerThread {
    if (!ProducerThread.current || ProducerThread.current.failure) {
      ProducerThread.current = new ProducerThread();
    }
    return ProducerThread.current;
  }

  private constructor() {
    this.worker = new Worker(WORKER_FILE);
    // It keeps the process alive only while it has requests to answer (see request).
    this.worker.unref();
    this.worker.on('message', (answer: Answer) => this.settle(answer));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) =>
      this.fail(new Error(`The relay's producer thread exited (code ${code}).`)),
    );
  }

  newProducerId(): number {
    return this.nextProducer++;
  }

  request(request: Request): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.nextSeq++;
    return new Promise<void>((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(seq, { resolve, reject });
      try {
        this.worker.postMessage({ ...request, seq });
      } catch (error) {
        // Not copyable (a function in the config, say).
        this.forget(seq);
        reject(error);
      }
    });
  }

  private settle({ seq, error }: Answer): void {
    const waiter = this.forget(seq);
    if (!waiter) return;
    if (error) {
      const failure = Object.assign(new Error(error.message), { name: error.name });
      if (error.stack) failure.stack = error.stack;
      waiter.reject(failure);
    } else {
      waiter.resolve();
    }
  }

  private forget(seq: number) {
    const waiter = this.waiting.get(seq);
    this.waiting.delete(seq);
    if (this.waiting.size === 0) this.worker.unref();
    return waiter;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const [seq, waiter] of [...this.waiting]) {
      this.forget(seq);
      waiter.reject(this.failure);
    }
  }
}
