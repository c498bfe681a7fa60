/**
 * Verification over the shapes a KurrentDB stream can take, built directly: pristine, or hidden
 * (truncate-before) and written again, as kurrentdb-contract-harness.ts does to a server.
 */
import { newResident } from '../../contract/fixtures';
import { ForeignEventError, type ChainedEvent, type DecodedEvent } from './kurrentdb-envelope';
import { prepareNewEvents } from '../../port/validate-new-events';
import { chainOnto, emptyHead } from './kurrentdb-stream-heads';
import { verifyKurrentStream } from './kurrentdb-verify';

const resident = newResident();
const stream = resident.stream('intake');
const chained = chainOnto(
  stream,
  prepareNewEvents(stream, resident.events(5)),
  emptyHead(),
  '2025-03-14T08:30:00.000Z',
);

/** The events as read: each at a revision, chained at the version in its envelope. */
function readAt(events: ChainedEvent[], firstRevision: number): DecodedEvent[] {
  return events.map((event, index) => ({
    event: {
      ...event,
      streamVersion: firstRevision + index,
      globalPosition: String(firstRevision + index),
    },
    revision: firstRevision + index,
    chainedVersion: event.streamVersion,
    write: 'w',
  }));
}

describe('verifying a KurrentDB stream', () => {
  it('finds a pristine stream intact, and a stream never written empty and intact', () => {
    expect(verifyKurrentStream(stream, { records: readAt(chained, 0) })).toEqual({
      ok: true,
      streamName: stream,
      eventsChecked: 5,
    });
    expect(verifyKurrentStream(stream, { records: [] })).toEqual({
      ok: true,
      streamName: stream,
      eventsChecked: 0,
    });
  });

  it('finds altered data in a stream written again, at the altered version, and says how it was rewritten', () => {
    const altered = chained.map((event, index) =>
      index === 2 ? { ...event, data: { sequence: 2, penghasilan: 250_000 } } : event,
    );
    const verification = verifyKurrentStream(stream, {
      records: readAt(altered, 5),
      truncateBefore: 5,
    });
    expect(verification).toMatchObject({
      ok: false,
      streamVersion: 2,
      eventId: chained[2].id,
      problem: 'content-altered',
    });
    expect(!verification.ok && verification.detail).toContain(
      'revisions 0–4 are hidden by truncate-before 5',
    );
  });

  it('finds an event left out of a stream written again', () => {
    const withoutTwo = chained.filter((_, index) => index !== 2);
    expect(
      verifyKurrentStream(stream, { records: readAt(withoutTwo, 5), truncateBefore: 5 }),
    ).toMatchObject({
      ok: false,
      streamVersion: 2,
      problem: 'missing-event',
    });
  });

  it('finds a stream written again without its last event short, against the revisions it had', () => {
    const verification = verifyKurrentStream(stream, {
      records: readAt(chained.slice(0, 4), 5),
      truncateBefore: 5,
    });
    expect(verification).toMatchObject({ ok: false, streamVersion: 4, problem: 'truncated' });
    expect(!verification.ok && verification.detail).toContain('it had at least 5 events');
  });

  it('finds a stream written again unchanged (as a rewrite with recomputed hashes would look)', () => {
    expect(
      verifyKurrentStream(stream, { records: readAt(chained, 5), truncateBefore: 5 }),
    ).toMatchObject({
      ok: false,
      streamVersion: 0,
      eventId: chained[0].id,
      problem: 'missing-event',
    });
  });

  it('finds the first events hidden by truncate-before or $maxCount', () => {
    expect(
      verifyKurrentStream(stream, { records: readAt(chained.slice(2), 2), truncateBefore: 2 }),
    ).toMatchObject({
      ok: false,
      streamVersion: 0,
      problem: 'missing-event',
    });
  });

  it('finds a stream whose events are all hidden (a soft delete), or that was tombstoned', () => {
    expect(verifyKurrentStream(stream, { records: [], truncateBefore: 2 ** 63 })).toMatchObject({
      ok: false,
      streamVersion: 0,
      problem: 'truncated',
    });
    expect(verifyKurrentStream(stream, { records: [], tombstoned: true })).toMatchObject({
      ok: false,
      streamVersion: 0,
      problem: 'truncated',
    });
  });

  it('finds an event this store did not write, appended behind its back', () => {
    const records = [
      ...readAt(chained, 0),
      new ForeignEventError(
        stream,
        5n,
        '8d0f5f7e-9b0c-4e8e-9a5e-3c1f0f0b1d2e',
        'its metadata has no lastri envelope',
      ),
    ];
    expect(verifyKurrentStream(stream, { records })).toMatchObject({
      ok: false,
      streamVersion: 5,
      eventId: '8d0f5f7e-9b0c-4e8e-9a5e-3c1f0f0b1d2e',
      problem: 'content-altered',
    });
  });
});
