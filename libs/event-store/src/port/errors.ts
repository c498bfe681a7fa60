import type { ExpectedVersion, StreamName } from './event-store';

/** The stream moved on since the caller read it: re-read, re-decide, retry. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamName: StreamName,
    readonly expected: ExpectedVersion,
    /** Version of the stream's last event, or 'no-stream'. */
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamName}: expected version ${expected}, but it is at ${actual}.`);
  }
}

/** A batch whose ids are partly in the stream already: not a clean retry, so refuse it. */
export class PartialDuplicateBatchError extends Error {
  override readonly name = 'PartialDuplicateBatchError';
  constructor(
    readonly streamName: StreamName,
    readonly duplicateIds: string[],
  ) {
    super(
      `Stream ${streamName}: some events of this batch are stored already (${duplicateIds.join(', ')}).`,
    );
  }
}

export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}
