/**
 * Tamper evidence on KurrentDB. The hash chain is checked as on every store (verifyChain), over
 * each event as its writer chained it: at the version recorded in its envelope. What KurrentDB
 * adds is that nobody can change or remove a single event through it: the log is append-only.
 * To alter a stream, someone with write access has to hide its events (truncate-before, `$tb`,
 * which a soft delete also sets, or `$maxCount` / `$maxAge`) and write the altered stream again
 * after them. That leaves two traces verifyChain alone cannot see, and this module checks both:
 *
 * - the rewritten events sit at revisions other than the versions they were chained at;
 * - the hidden revisions say how long the stream was, so a stream written again shorter, without
 *   its last events, is found short ('truncated'), as the SQL stores find it against their
 *   recorded head.
 *
 * This even catches a rewrite whose hashes were all recomputed, which an unkeyed chain cannot
 * catch on its own. (Editing KurrentDB's chunk files on disk is the one way around it; the chain
 * catches that as on any other store, unless the hashes were recomputed too.)
 */
import { verifyChain } from '../../chain/hash-chain';
import type { ChainProblem, ChainVerification, StreamName } from '../../port/event-store';
import { ForeignEventError, type DecodedEvent } from './kurrentdb-envelope';

export interface StreamReading {
  /** The stream's readable events in revision order, each decoded or why it could not be. */
  records: (DecodedEvent | ForeignEventError)[];
  /** The stream's `$tb` metadata, when it has any. LASTRI never sets it on its streams. */
  truncateBefore?: unknown;
  /** The stream was deleted for good (tombstoned): KurrentDB refuses to read it. */
  tombstoned?: boolean;
}

export function verifyKurrentStream(stream: StreamName, reading: StreamReading): ChainVerification {
  if (reading.tombstoned) {
    return broken(
      stream,
      0,
      undefined,
      'truncated',
      'the stream was deleted for good (tombstoned): KurrentDB no longer returns any of its events',
    );
  }
  const firstForeign = reading.records.findIndex((record) => record instanceof ForeignEventError);
  const decoded = (
    firstForeign < 0 ? reading.records : reading.records.slice(0, firstForeign)
  ) as DecodedEvent[];

  // The chain as written: each event at the version it was chained at.
  const chain = verifyChain(
    stream,
    decoded.map(({ event, chainedVersion }) => ({ ...event, streamVersion: chainedVersion })),
  );
  const rewrite = describeRewrite(decoded, reading.truncateBefore);
  if (!chain.ok) return rewrite ? { ...chain, detail: `${chain.detail} (${rewrite})` } : chain;

  if (firstForeign >= 0) {
    const foreign = reading.records[firstForeign] as ForeignEventError;
    return broken(
      stream,
      firstForeign,
      foreign.eventId,
      'content-altered',
      `the event at revision ${foreign.revision} is not one this store wrote: ${foreign.reason}`,
    );
  }

  if (decoded.length === 0) {
    const hidden = hiddenBefore(reading.truncateBefore);
    return hidden === undefined
      ? { ok: true, streamName: stream, eventsChecked: 0 }
      : broken(
          stream,
          0,
          undefined,
          'truncated',
          `every event of the stream is hidden by truncate-before ${hidden} (a truncation or soft delete)`,
        );
  }

  const first = decoded[0];
  const last = decoded[decoded.length - 1];
  // The events before the first readable revision were written once: the stream had at least
  // that many events, and its chain must reach at least as far.
  if (first.revision > 0 && last.chainedVersion < first.revision - 1) {
    return broken(
      stream,
      last.chainedVersion + 1,
      undefined,
      'truncated',
      `KurrentDB holds revisions 0–${first.revision - 1} of this stream, hidden, so it had at least ${first.revision} events, but its chain ends at version ${last.chainedVersion} (${rewrite})`,
    );
  }
  const moved = decoded.find((record) => record.revision !== record.chainedVersion);
  if (moved) {
    return broken(
      stream,
      moved.chainedVersion,
      moved.event.id,
      'missing-event',
      `the event chained at version ${moved.chainedVersion} is stored at revision ${moved.revision}; the events first stored there are no longer readable (${rewrite})`,
    );
  }
  return { ok: true, streamName: stream, eventsChecked: decoded.length };
}

/** Why the stream's revisions do not match its chain, or undefined when they do. */
function describeRewrite(decoded: DecodedEvent[], truncateBefore: unknown): string | undefined {
  const first = decoded[0];
  const moved = decoded.some((record) => record.revision !== record.chainedVersion);
  if (!first || (first.revision === 0 && !moved)) return undefined;
  const hidden = hiddenBefore(truncateBefore);
  const by = hidden === undefined ? '' : ` by truncate-before ${hidden}`;
  return first.revision > 0
    ? `KurrentDB: revisions 0–${first.revision - 1} are hidden${by}, and the stream was written again from revision ${first.revision}`
    : `KurrentDB: events are stored at revisions other than the versions they were chained at`;
}

/** The `$tb` value when it hides anything. */
function hiddenBefore(truncateBefore: unknown): string | undefined {
  if (truncateBefore === undefined || truncateBefore === null) return undefined;
  if (typeof truncateBefore === 'number' && truncateBefore <= 0) return undefined;
  return String(truncateBefore);
}

function broken(
  streamName: StreamName,
  streamVersion: number,
  eventId: string | undefined,
  problem: ChainProblem,
  detail: string,
): ChainVerification {
  return { ok: false, streamName, streamVersion, eventId, problem, detail };
}
