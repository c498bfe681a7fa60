/**
 * The SQLite store's GlobalPosition: the events table's `position`, decimal and zero-padded to
 * 20 digits like the PostgreSQL store's, so that string order is delivery order.
 */
import type { GlobalPosition } from '../../port/event-store';
import { START } from '../../port/event-store';

const WIDTH = 20;
const ENCODED = /^\d{1,20}$/;

export function encodePosition(position: number | bigint): GlobalPosition {
  return String(position).padStart(WIDTH, '0');
}

/** The events table position after which to read: 0 for START. */
export function decodePosition(position: GlobalPosition): number {
  if (position === START) return 0;
  if (!ENCODED.test(position)) {
    throw new RangeError(
      `${JSON.stringify(position)} is not a SQLite event store position ('start' or a decimal number).`,
    );
  }
  const decoded = Number(position);
  if (!Number.isSafeInteger(decoded))
    throw new RangeError(`SQLite event store position ${position} is out of range.`);
  return decoded;
}
