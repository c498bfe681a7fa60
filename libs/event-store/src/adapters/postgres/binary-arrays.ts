/**
 * One-dimensional arrays in PostgreSQL's binary format (what array_recv reads), for query
 * parameters: pg sends a Buffer parameter as binary. Compared with array literals in text, the
 * client does not escape every element (an event's JSON is full of quotes) and the server does
 * not unescape them (array_in reads character by character); each element is its bytes,
 * preceded by their length.
 *
 * Layout: ndim, has-nulls flag, element type oid, then per dimension its length and lower bound
 * (all int32), then per element its length in bytes (-1 for NULL) and the bytes.
 */

/** Element type oids (pg_type), fixed for the built-in types. */
const TEXT_OID = 25;
const INT4_OID = 23;
const INT8_OID = 20;
const UUID_OID = 2950;
const JSONB_OID = 3802;
const JSON_OID = 114;

/** jsonb's binary form is its text after a format version byte. */
const JSONB_VERSION = 1;

const HEADER_BYTES = 20;
const UUID_BYTES = 16;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function allocate(elementOid: number, count: number, dataBytes: number, hasNull: boolean): Buffer {
  if (count === 0) {
    const empty = Buffer.alloc(12);
    empty.writeUInt32BE(elementOid, 8);
    return empty;
  }
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + 4 * count + dataBytes);
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(hasNull ? 1 : 0, 4);
  buffer.writeUInt32BE(elementOid, 8);
  buffer.writeInt32BE(count, 12);
  buffer.writeInt32BE(1, 16);
  return buffer;
}

function stringArray(
  elementOid: number,
  values: readonly (string | null)[],
  prefixByte?: number,
): Buffer {
  const extra = prefixByte === undefined ? 0 : 1;
  let dataBytes = 0;
  let hasNull = false;
  const lengths = new Array<number>(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null) {
      hasNull = true;
      lengths[index] = -1;
    } else {
      lengths[index] = Buffer.byteLength(value, 'utf8') + extra;
      dataBytes += lengths[index];
    }
  }
  const buffer = allocate(elementOid, values.length, dataBytes, hasNull);
  let offset = HEADER_BYTES;
  for (let index = 0; index < values.length; index++) {
    const length = lengths[index];
    buffer.writeInt32BE(length, offset);
    offset += 4;
    if (length < 0) continue;
    if (prefixByte !== undefined) buffer[offset] = prefixByte;
    buffer.write(values[index] as string, offset + extra, length - extra, 'utf8');
    offset += length;
  }
  return buffer;
}

/** text[]; null elements allowed. */
export function textArray(values: readonly (string | null)[]): Buffer {
  return stringArray(TEXT_OID, values);
}

/** jsonb[] from JSON texts (PostgreSQL parses and checks them). */
export function jsonbArray(values: readonly string[]): Buffer {
  return stringArray(JSONB_OID, values, JSONB_VERSION);
}

/** json[] from JSON texts (PostgreSQL checks them and keeps them as they are). */
export function jsonArray(values: readonly string[]): Buffer {
  return stringArray(JSON_OID, values);
}

/** uuid[] from UUIDs in their usual text form. */
export function uuidArray(values: readonly string[]): Buffer {
  const buffer = allocate(UUID_OID, values.length, UUID_BYTES * values.length, false);
  let offset = HEADER_BYTES;
  for (const value of values) {
    if (!UUID_SHAPE.test(value)) throw new RangeError(`${JSON.stringify(value)} is not a UUID.`);
    buffer.writeInt32BE(UUID_BYTES, offset);
    offset += 4;
    buffer.write(value.replace(/-/g, ''), offset, UUID_BYTES, 'hex');
    offset += UUID_BYTES;
  }
  return buffer;
}

/** integer[]; throws a RangeError for a value that is not a 32-bit integer. */
export function int4Array(values: readonly number[]): Buffer {
  const buffer = allocate(INT4_OID, values.length, 4 * values.length, false);
  let offset = HEADER_BYTES;
  for (const value of values) {
    buffer.writeInt32BE(4, offset);
    buffer.writeInt32BE(value, offset + 4);
    offset += 8;
  }
  return buffer;
}

/** bigint[] from safe integers; null elements allowed. */
export function int8Array(values: readonly (number | null)[]): Buffer {
  const nulls = values.filter((value) => value === null).length;
  const buffer = allocate(INT8_OID, values.length, 8 * (values.length - nulls), nulls > 0);
  let offset = HEADER_BYTES;
  for (const value of values) {
    if (value === null) {
      buffer.writeInt32BE(-1, offset);
      offset += 4;
      continue;
    }
    if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer.`);
    buffer.writeInt32BE(8, offset);
    buffer.writeBigInt64BE(BigInt(value), offset + 4);
    offset += 12;
  }
  return buffer;
}
