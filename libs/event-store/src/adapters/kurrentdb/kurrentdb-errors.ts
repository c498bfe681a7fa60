/**
 * The port's expected versions in KurrentDB's terms, and KurrentDB's errors in the port's.
 * The port numbers a stream's events from 0 like KurrentDB's revisions, and names an empty
 * stream 'no-stream' where KurrentDB says `no_stream`.
 */
import {
  ANY,
  NO_STREAM,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  type AppendStreamState,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';

import { WrongExpectedVersionError } from '../../port/errors';
import type { ExpectedVersion, StreamName } from '../../port/event-store';

/** number → that revision, 'no-stream' → NO_STREAM, 'any' → ANY. */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

/**
 * KurrentDB's current state of a stream as the port's actual version. A negative revision is
 * how KurrentDB reports a deleted stream in some answers: there is no last event to name.
 */
export function toActualVersion(current: CurrentStreamState): number | 'no-stream' {
  if (current === NO_STREAM || typeof current !== 'bigint' || current < 0n) return 'no-stream';
  const version = Number(current);
  if (!Number.isSafeInteger(version)) {
    throw new RangeError(
      `KurrentDB reported revision ${current}, beyond what this store can number.`,
    );
  }
  return version;
}

/** The client's wrong-expected-version error, from the gRPC append or the batch append. */
export function isKurrentWrongExpectedVersion(
  error: unknown,
): error is KurrentWrongExpectedVersionError {
  return (
    error instanceof KurrentWrongExpectedVersionError ||
    (error instanceof Error && (error as { type?: unknown }).type === 'wrong-expected-version')
  );
}

export function isStreamNotFound(error: unknown): boolean {
  return (
    error instanceof StreamNotFoundError ||
    (error instanceof Error && (error as { type?: unknown }).type === 'stream-not-found')
  );
}

export function isStreamDeleted(error: unknown): boolean {
  return (
    error instanceof StreamDeletedError ||
    (error instanceof Error &&
      ['stream-deleted', 'stream-tombstoned'].includes(String((error as { type?: unknown }).type)))
  );
}

/** The port's concurrency error for a KurrentDB refusal, naming what the caller expected. */
export function toWrongExpectedVersionError(
  stream: StreamName,
  expected: ExpectedVersion,
  error: KurrentWrongExpectedVersionError,
): WrongExpectedVersionError {
  const mapped = new WrongExpectedVersionError(
    stream,
    expected,
    toActualVersion(error.actualState),
  );
  mapped.cause = error;
  return mapped;
}
