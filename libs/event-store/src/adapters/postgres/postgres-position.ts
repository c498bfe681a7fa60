/**
 * The PostgreSQL store's GlobalPosition: `<transaction id>:<global position>`, both decimal and
 * zero-padded to 20 digits (the width of an unsigned 64-bit number), e.g.
 * `00000000000000000745:00000000000000001203`. Padding makes string order equal to the store's
 * delivery order, so a position compares correctly even where it is treated as plain text.
 */
import type { GlobalPosition } from '../../port/event-store';
import { START } from '../../port/event-store';

export interface PostgresPosition {
  /** xid8 of the transaction that wrote the event, as decimal text. */
  transactionId: string;
  /** The events table's bigserial, as decimal text. */
  globalPosition: string;
}

const WIDTH = 20;
const ENCODED = /^(\d{1,20}):(\d{1,20})$/;

/** Before every event: what START means here. */
export const BEFORE_ALL: PostgresPosition = { transactionId: '0', globalPosition: '0' };

export function encodePosition(transactionId: string, globalPosition: string): GlobalPosition {
  return `${transactionId.padStart(WIDTH, '0')}:${globalPosition.padStart(WIDTH, '0')}`;
}

export function decodePosition(position: GlobalPosition): PostgresPosition {
  if (position === START) return BEFORE_ALL;
  const match = ENCODED.exec(position);
  if (!match) {
    throw new RangeError(
      `${JSON.stringify(position)} is not a PostgreSQL event store position ('start' or '<transaction id>:<position>').`,
    );
  }
  return { transactionId: stripZeros(match[1]), globalPosition: stripZeros(match[2]) };
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}
