/**
 * A dead letter as an operator sees it, whichever transport keeps it: which consumer and handler
 * gave up on which event, why, after how many attempts, and whether it has been re-driven.
 */
import { createHash } from 'node:crypto';

export interface DeadLetter {
  /** Kafka: `<dlq topic>/<partition>/<offset>`; embedded: the id of the dead-letter event. */
  readonly id: string;
  readonly consumer: string;
  /** `Class.method`; absent when the message was refused before any handler (malformed, schema-invalid). */
  readonly handler?: string;
  /** The original event's id, type and resident, when the envelope was readable that far. */
  readonly eventId?: string;
  readonly eventType?: string;
  readonly residentId?: string;
  readonly original: DeadLetterOrigin;
  readonly error: DeadLetterError;
  readonly attempts: number;
  readonly failedAt: string;
  /** Pending until re-driven; a re-driven one that fails again comes back as a new dead letter. */
  readonly status: 'pending' | 'redriven';
}

export interface DeadLetterOrigin {
  readonly topic: string;
  /** Kafka. */
  readonly partition?: number;
  readonly offset?: string;
  /** Embedded. */
  readonly streamName?: string;
  readonly streamVersion?: number;
  readonly globalPosition?: string;
}

export interface DeadLetterError {
  /** The error class, e.g. `EventDataInvalidError`: the first thing an operator sorts by. */
  readonly name: string;
  readonly message: string;
  /** Groups dead letters that failed in the same place (see stackDigest). */
  readonly stackDigest: string;
}

/** What the CLI and the tests work with, for either transport. */
export interface DeadLetterQueue {
  readonly consumer: string;
  list(options?: { includeRedriven?: boolean }): Promise<DeadLetter[]>;
  /** Sends every pending dead letter back to be processed again; returns those it re-drove. */
  redrive(): Promise<DeadLetter[]>;
  close(): Promise<void>;
}

const MAX_MESSAGE_LENGTH = 2_000;

export function describeError(error: Error): DeadLetterError {
  const message = error.message.length > MAX_MESSAGE_LENGTH ? `${error.message.slice(0, MAX_MESSAGE_LENGTH)}…` : error.message;
  return { name: error.name, message, stackDigest: stackDigest(error) };
}

/**
 * A short hash of the error's class and stack frames, not its message: the same bug hit by
 * different events (different messages) gets the same digest, and the stack itself, which may
 * quote data, stays in the logs rather than in a topic partners' tooling might read.
 */
export function stackDigest(error: Error): string {
  const frames = (error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '));
  return createHash('sha256').update(`${error.name}\n${frames.join('\n')}`).digest('hex').slice(0, 16);
}
