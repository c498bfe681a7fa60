import { createHash, randomUUID } from 'node:crypto';

/** The RFC 4122 URL namespace; any fixed namespace works as long as it never changes. */
const LASTRI_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A fresh random id for a new resident, case, event or request. */
export function newId(): string {
  return randomUUID();
}

/**
 * The id of an event caused by another event: `uuidv5(causationId + handler)`. Processing the
 * same input twice yields the same id, and the event store turns the second append into a no-op.
 */
export function deterministicEventId(causationId: string, handlerName: string): string {
  return uuidV5(`${causationId}:${handlerName}`, LASTRI_NAMESPACE);
}

/** UUID version 5 (SHA-1, name-based), RFC 4122 §4.3. */
export function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const digest = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
