/**
 * Serialise once: the stored form of an event's data or metadata and its canonical JSON text,
 * made in one pass, and the event's hash built from those texts. For an adapter that stores JSON
 * text, this is the same hash as eventHash of the event a later read returns (see
 * stored-form.spec.ts), without the JSON round trip, the key-sorting copy and the second
 * serialisation that validateNewEvents, eventHash and the insert would otherwise make per event.
 */
import { hash } from 'node:crypto';

import { canonicalJson, type HashedFields } from './hash-chain';

export interface StoredJson {
  /** What JSON.parse(JSON.stringify(value)) gives, object keys in canonical order. */
  value: unknown;
  /** Its canonical JSON text (canonicalJson), which JSON.parse turns back into `value`. */
  json: string;
}

/**
 * The value as a JSON round trip stores it (toJSON applied, undefined, functions and symbols
 * dropped from objects and nulled in arrays, NaN and ±Infinity nulled, -0 made 0), with the
 * keys of every object in canonicalJson's order, and its JSON text. That text is a fixed point:
 * parsed and passed to canonicalJson, it comes back unchanged, so a hash over it is the hash of
 * what a read returns. Throws what JSON.stringify throws (a BigInt, a cycle).
 *
 * Plain objects, arrays and primitives, the usual content of an event, are copied in one pass.
 * Anything else (a Date, a class instance, toJSON, a very deep tree) takes the exact way round:
 * canonicalJson(JSON.parse(JSON.stringify(value))), parsed again for the value. A getter met
 * before such a value is then read twice.
 */
export function storedJson(value: unknown): StoredJson {
  const stored = storedCopy(value, 0);
  if (stored !== NOT_PLAIN && stored !== OMITTED)
    return { value: stored, json: JSON.stringify(stored) };
  // The exact way round: the stored form by definition, and canonicalJson of it.
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`A ${typeof value} has no JSON form.`);
  const json = canonicalJson(JSON.parse(text));
  return { value: JSON.parse(json), json };
}

/** The texts a stored event is hashed from: the HashedFields, data and metadata as storedJson texts. */
export interface StoredEventText extends Omit<HashedFields, 'data' | 'metadata'> {
  dataJson: string;
  metadataJson: string;
}

/**
 * eventHash of the stored event whose data and metadata have these storedJson texts, built by
 * putting the pieces together in canonicalJson's key order instead of serialising the event again.
 */
export function storedEventHash(event: StoredEventText): string {
  const middle = `,"id":${JSON.stringify(event.id)},"metadata":`;
  const tail =
    `,"prevHash":${JSON.stringify(event.prevHash)}` +
    `,"recordedAt":${JSON.stringify(event.recordedAt)}` +
    `,"schemaVersion":${JSON.stringify(event.schemaVersion)}` +
    `,"streamName":${JSON.stringify(event.streamName)}` +
    `,"streamVersion":${JSON.stringify(event.streamVersion)}` +
    `,"type":${JSON.stringify(event.type)}}`;
  // The UTF-8 of `{"data":${dataJson}${middle}${metadataJson}${tail}`, written piece by piece
  // rather than joined into one string first: a UTF-16 code unit takes at most 3 bytes.
  const most =
    3 *
    (DATA_KEY.length +
      event.dataJson.length +
      middle.length +
      event.metadataJson.length +
      tail.length);
  let buffer = scratch;
  if (buffer.length < most) {
    buffer = Buffer.allocUnsafeSlow(most);
    if (most <= MAX_SCRATCH_BYTES) scratch = buffer;
  }
  let length = buffer.write(DATA_KEY, 0, 'utf8');
  length += buffer.write(event.dataJson, length, 'utf8');
  length += buffer.write(middle, length, 'utf8');
  length += buffer.write(event.metadataJson, length, 'utf8');
  length += buffer.write(tail, length, 'utf8');
  return hash('sha256', buffer.subarray(0, length), 'hex');
}

const DATA_KEY = '{"data":';
/**
 * Where storedEventHash writes what it hashes, reused (it runs synchronously): it saves joining a
 * copy of the event's text on the heap per event. Grown as needed, up to a bound it keeps.
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);
const MAX_SCRATCH_BYTES = 1024 * 1024;

/** A value JSON leaves out of an object (and writes as null in an array). */
const OMITTED = Symbol('omitted');
/** A value the fast copy does not handle: storedJson takes the exact way round. */
const NOT_PLAIN = Symbol('not plain');

/** Deeper than this, the copy gives up to JSON.stringify, which also reports cycles properly. */
const MAX_DEPTH = 100;

function storedCopy(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes NaN and ±Infinity as null and -0 as 0; the + 0 turns -0 into 0.
      return Number.isFinite(value) ? value + 0 : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return OMITTED;
    case 'object':
      if (value === null) return null;
      if (depth >= MAX_DEPTH) return NOT_PLAIN;
      return Array.isArray(value)
        ? storedArray(value, depth + 1)
        : storedObject(value as Record<string, unknown>, depth + 1);
    default:
      // bigint: JSON.stringify throws for it, with its own message.
      return NOT_PLAIN;
  }
}

function storedArray(array: unknown[], depth: number): unknown {
  if (Object.getPrototypeOf(array) !== Array.prototype || hasToJson(array)) return NOT_PLAIN;
  const copy: unknown[] = new Array(array.length);
  for (let index = 0; index < array.length; index++) {
    const element = storedCopy(array[index], depth);
    if (element === NOT_PLAIN) return NOT_PLAIN;
    copy[index] = element === OMITTED ? null : element;
  }
  return copy;
}

function storedObject(object: Record<string, unknown>, depth: number): unknown {
  const prototype = Object.getPrototypeOf(object);
  if ((prototype !== Object.prototype && prototype !== null) || hasToJson(object)) {
    return NOT_PLAIN;
  }
  // canonicalJson's order: sortKeys sorts the keys and rebuilds the object in that order, in
  // which array-index keys then come first, numerically. Inserting them sorted here does the same.
  const keys = sortedKeys(Object.keys(object));
  const copy: Record<string, unknown> = {};
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    const property = storedCopy(object[key], depth);
    if (property === NOT_PLAIN) return NOT_PLAIN;
    if (property === OMITTED) continue;
    if (key === '__proto__') {
      // An own property, as JSON.parse makes it, not the prototype.
      Object.defineProperty(copy, key, {
        value: property,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else {
      copy[key] = property;
    }
  }
  return copy;
}

/**
 * The last few key lists sorted, by their first key: the events of one type have objects of the
 * same keys over and over, and comparing keys is cheaper than sorting them again.
 */
const sortedKeyLists = new Map<string, { keys: string[]; sorted: string[] }>();
const MAX_SORTED_KEY_LISTS = 1_000;
const MAX_KEYS_TO_REMEMBER = 64;

/** keys.sort(), leaving `keys` as it is. */
function sortedKeys(keys: string[]): readonly string[] {
  if (keys.length < 2) return keys;
  const known = sortedKeyLists.get(keys[0]);
  if (known !== undefined && sameKeys(known.keys, keys)) return known.sorted;
  const sorted = [...keys].sort();
  if (keys.length <= MAX_KEYS_TO_REMEMBER) {
    if (sortedKeyLists.size >= MAX_SORTED_KEY_LISTS) sortedKeyLists.clear();
    sortedKeyLists.set(keys[0], { keys, sorted });
  }
  return sorted;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 1; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
