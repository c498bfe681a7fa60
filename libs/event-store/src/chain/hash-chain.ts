/**
 * Tamper evidence: every stored event's hash covers its stored form and the previous event's
 * hash, so altering, removing or reordering an event breaks the chain from that point on.
 * The hash is over the form as stored (after any encryption of personal data), so deleting a
 * resident's key for erasure leaves the chain verifiable.
 */
import { createHash } from 'node:crypto';

import { canonicalJson } from '@lastri/kernel';

import type { ChainVerification, StoredEvent, StreamName } from '../port/event-store';

export { canonicalJson };

export const GENESIS_HASH = '0'.repeat(64);

/** The parts of a stored event the hash covers: everything but its global position and hash. */
export type HashedFields = Pick<
  StoredEvent,
  | 'id'
  | 'type'
  | 'schemaVersion'
  | 'data'
  | 'metadata'
  | 'streamName'
  | 'streamVersion'
  | 'recordedAt'
  | 'prevHash'
>;

export function eventHash(event: HashedFields): string {
  const canonical = canonicalJson({
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    streamName: event.streamName,
    streamVersion: event.streamVersion,
    recordedAt: event.recordedAt,
    prevHash: event.prevHash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Checks a stream's events, read in version order, against its chain. `recordedHead` is the
 * version the store recorded as the stream's last (a streams table), which catches deletion of
 * the last events; pass undefined where the adapter has no such record.
 */
export function verifyChain(
  streamName: StreamName,
  events: StoredEvent[],
  recordedHead?: { version: number; hash: string },
): ChainVerification {
  let previousHash = GENESIS_HASH;
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    if (event.streamVersion !== index) {
      return broken(
        streamName,
        index,
        undefined,
        'missing-event',
        `version ${index} is missing; found ${event.streamVersion}`,
      );
    }
    if (event.prevHash !== previousHash) {
      return broken(
        streamName,
        index,
        event.id,
        'broken-link',
        'prevHash does not match the previous event',
      );
    }
    if (eventHash(event) !== event.hash) {
      return broken(
        streamName,
        index,
        event.id,
        'content-altered',
        'content does not match its hash',
      );
    }
    previousHash = event.hash;
  }
  if (recordedHead && recordedHead.version !== events.length - 1) {
    return broken(
      streamName,
      events.length,
      undefined,
      'truncated',
      `the stream was recorded up to version ${recordedHead.version} but ends at ${events.length - 1}`,
    );
  }
  if (recordedHead && events.length > 0 && recordedHead.hash !== previousHash) {
    return broken(
      streamName,
      events.length - 1,
      events[events.length - 1].id,
      'broken-link',
      'the last event is not the recorded head',
    );
  }
  return { ok: true, streamName, eventsChecked: events.length };
}

function broken(
  streamName: StreamName,
  streamVersion: number,
  eventId: string | undefined,
  problem: Exclude<ChainVerification, { ok: true }>['problem'],
  detail: string,
): ChainVerification {
  return { ok: false, streamName, streamVersion, eventId, problem, detail };
}
