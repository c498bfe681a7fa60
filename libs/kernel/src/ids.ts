import { randomUUID } from 'node:crypto';
import { v5 } from 'uuid';

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

/** UUID version 5 (SHA-1, name-based), RFC 9562 §5.5. */
export function uuidV5(name: string, namespace: string): string {
  return v5(name, namespace);
}
