/**
 * An event's data and metadata serialised once, for both the hash chain and the insert. The
 * append path used to serialise each event three times (the hash's canonical JSON, then the
 * argument document, then PostgreSQL parsed the argument and its events again); here the
 * canonical JSON text of data and metadata is made once, hashed inside the envelope that
 * eventHash (chain/hash-chain.ts) builds, and sent as the jsonb value to store.
 *
 * Both functions return exactly what hash-chain.ts would (serialised-event.spec.ts checks them
 * against it): canonicalJsonText(value) === canonicalJson(value) (the kernel's, which
 * hash-chain.ts uses), and hashSerialisedEvent(…) === eventHash(…) of the same event.
 */
import { createHash } from 'node:crypto';

import { eventHash, type HashedFields } from '../../chain/hash-chain';

/**
 * canonicalJson(value), built the same way (a copy with every object's keys inserted in sorted
 * order, then JSON.stringify) with less work per object.
 */
export function canonicalJsonText(value: unknown): string {
  return JSON.stringify(sortedCopy(value));
}

/** The scalar fields eventHash covers besides data and metadata. */
export type EnvelopeFields = Omit<HashedFields, 'data' | 'metadata'>;

/**
 * eventHash of the event whose data and metadata serialise to `dataJson` and `metadataJson`
 * (each canonicalJsonText of it). The envelope is canonicalJson's: keys in sorted order.
 */
export function hashSerialisedEvent(
  fields: EnvelopeFields,
  dataJson: string,
  metadataJson: string,
): string {
  if (
    typeof fields.id !== 'string' ||
    typeof fields.type !== 'string' ||
    typeof fields.schemaVersion !== 'number' ||
    typeof fields.streamName !== 'string' ||
    typeof fields.streamVersion !== 'number' ||
    typeof fields.recordedAt !== 'string' ||
    typeof fields.prevHash !== 'string'
  ) {
    // Not what an append builds; whatever canonicalJson makes of it is the answer.
    return eventHash({
      ...fields,
      data: JSON.parse(dataJson) as unknown,
      metadata: JSON.parse(metadataJson) as HashedFields['metadata'],
    });
  }
  const canonical =
    `{"data":${dataJson},"id":${JSON.stringify(fields.id)},"metadata":${metadataJson}` +
    `,"prevHash":${JSON.stringify(fields.prevHash)},"recordedAt":${JSON.stringify(fields.recordedAt)}` +
    `,"schemaVersion":${JSON.stringify(fields.schemaVersion)},"streamName":${JSON.stringify(fields.streamName)}` +
    `,"streamVersion":${JSON.stringify(fields.streamVersion)},"type":${JSON.stringify(fields.type)}}`;
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * What canonicalJson's sortKeys (libs/kernel) makes of `value`, as JSON.stringify sees it: a
 * key whose value is undefined is kept here and left out by JSON.stringify, where sortKeys
 * leaves it out itself; an array's holes become undefined (sortKeys's map keeps them as holes),
 * both printed as null.
 */
function sortedCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = sortedCopy(value[index]);
    return copy;
  }
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source).sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === '__proto__') {
      // Assigning would set the copy's prototype; sortKeys (Object.fromEntries) defines a key.
      Object.defineProperty(copy, key, {
        value: sortedCopy(source[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      copy[key] = sortedCopy(source[key]);
    }
  }
  return copy;
}
