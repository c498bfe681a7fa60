import {
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';

import { WrongExpectedVersionError } from '../../port/errors';
import {
  isKurrentWrongExpectedVersion,
  isStreamNotFound,
  toActualVersion,
  toStreamState,
  toWrongExpectedVersionError,
} from './kurrentdb-errors';

describe('expected versions in KurrentDB terms', () => {
  it("maps a number to that revision, 'no-stream' to NO_STREAM and 'any' to ANY", () => {
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
    expect(toStreamState('no-stream')).toBe('no_stream');
    expect(toStreamState('any')).toBe('any');
  });

  it("reads KurrentDB's current state as the port's actual version", () => {
    expect(toActualVersion(7n)).toBe(7);
    expect(toActualVersion(0n)).toBe(0);
    expect(toActualVersion('no_stream')).toBe('no-stream');
    expect(toActualVersion(-5n)).toBe('no-stream'); // a deleted stream: no last event to name
    expect(() => toActualVersion(1n << 60n)).toThrow(RangeError);
  });
});

describe("KurrentDB's errors in the port's terms", () => {
  const refusal = (expected: bigint | 'no_stream' | 'any', current: bigint | 'no_stream') =>
    new KurrentWrongExpectedVersionError(undefined, {
      streamName: 'intake-r1',
      expected,
      current,
    });

  it("turns the client's wrong-expected-version error into the port's, naming stream, expected and actual", () => {
    const mapped = toWrongExpectedVersionError('intake-r1', 3, refusal(3n, 5n));
    expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapped).toMatchObject({ streamName: 'intake-r1', expected: 3, actual: 5 });
    expect(mapped.message).toBe('Stream intake-r1: expected version 3, but it is at 5.');
    expect(mapped.cause).toBeInstanceOf(KurrentWrongExpectedVersionError);
  });

  it("reports a stream that does not exist as actual 'no-stream', and keeps what the caller expected", () => {
    expect(toWrongExpectedVersionError('intake-r1', 0, refusal(0n, 'no_stream'))).toMatchObject({
      expected: 0,
      actual: 'no-stream',
    });
    // An 'any' append retries on KurrentDB's refusal and names 'any' when it gives up.
    expect(toWrongExpectedVersionError('intake-r1', 'any', refusal(4n, 9n))).toMatchObject({
      expected: 'any',
      actual: 9,
    });
  });

  it('recognises the client errors it maps, and no others', () => {
    expect(isKurrentWrongExpectedVersion(refusal(1n, 2n))).toBe(true);
    expect(isKurrentWrongExpectedVersion(new WrongExpectedVersionError('s', 1, 2))).toBe(false);
    expect(isKurrentWrongExpectedVersion(new Error('wrong expected version'))).toBe(false);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'intake-r1'))).toBe(true);
    expect(isStreamNotFound(refusal(1n, 2n))).toBe(false);
  });
});
