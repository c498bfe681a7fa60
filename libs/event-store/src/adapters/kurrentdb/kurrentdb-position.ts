/**
 * The KurrentDB store's GlobalPosition: the event's place in KurrentDB's transaction log, the
 * pair (commit position, prepare position) by which `$all` is ordered. Encoded as
 * `<commit>:<prepare>`, each decimal and zero-padded to 20 digits (an unsigned 64-bit number has
 * at most 20), so that comparing two positions as text compares them in delivery order, as the
 * SQL stores' positions do.
 */
import { START as LOG_START, type Position } from '@kurrent/kurrentdb-client';

import type { GlobalPosition } from '../../port/event-store';
import { START } from '../../port/event-store';

const WIDTH = 20;
const ENCODED = /^(\d{1,20}):(\d{1,20})$/;
const MAX_U64 = (1n << 64n) - 1n;

export function encodePosition(position: Position): GlobalPosition {
  for (const part of [position.commit, position.prepare]) {
    if (typeof part !== 'bigint' || part < 0n || part > MAX_U64) {
      throw new RangeError(
        `A KurrentDB log position is a pair of unsigned 64-bit numbers; got commit ${String(position.commit)}, prepare ${String(position.prepare)}.`,
      );
    }
  }
  return `${position.commit.toString(10).padStart(WIDTH, '0')}:${position.prepare.toString(10).padStart(WIDTH, '0')}`;
}

/** The log position a read continues after, or the client's START for the beginning of the log. */
export function decodePosition(position: GlobalPosition): Position | typeof LOG_START {
  if (position === START) return LOG_START;
  const match = typeof position === 'string' ? ENCODED.exec(position) : null;
  if (!match) {
    throw new RangeError(
      `${JSON.stringify(position)} is not a KurrentDB event store position ('start' or '<commit>:<prepare>').`,
    );
  }
  const decoded = { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
  if (decoded.commit > MAX_U64 || decoded.prepare > MAX_U64) {
    throw new RangeError(`KurrentDB event store position ${position} is out of range.`);
  }
  return decoded;
}

/** Negative, zero or positive as `a` comes before, at or after `b` in `$all`. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
