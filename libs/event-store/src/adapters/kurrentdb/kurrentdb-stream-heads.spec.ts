import { GENESIS_HASH, eventHash } from '../../chain/hash-chain';
import { newResident } from '../../contract/fixtures';
import { PartialDuplicateBatchError, WrongExpectedVersionError } from '../../port/errors';
import type { StoredEvent } from '../../port/event-store';
import { prepareNewEvents } from '../../port/validate-new-events';
import {
  StreamHeads,
  chainOnto,
  emptyHead,
  settleAgainstHead,
  type StreamHead,
} from './kurrentdb-stream-heads';

const resident = newResident();
const stream = resident.stream('intake');

function stored(count: number, from = 0): StoredEvent[] {
  const head = { version: from - 1, hash: GENESIS_HASH };
  return chainOnto(
    stream,
    prepareNewEvents(stream, resident.events(count)),
    head,
    '2025-03-14T08:30:00.000Z',
  ).map((event) => ({
    ...event,
    globalPosition: String(event.streamVersion),
  }));
}

function headOf(events: StoredEvent[]): StreamHead {
  const head = emptyHead();
  for (const event of events) {
    head.version = event.streamVersion;
    head.hash = event.hash;
    head.recordedAt = event.recordedAt;
    head.ids.add(event.id);
  }
  return head;
}

describe('deciding an append from the stream head', () => {
  const existing = stored(3);
  const head = headOf(existing);

  it('is a no-op when every id is stored, whatever version was expected', () => {
    for (const expected of ['no-stream', 0, 2, 'any'] as const) {
      expect(settleAgainstHead(stream, existing.slice(1), expected, head)).toEqual({
        streamVersion: 2,
        appended: [],
        alreadyAppended: true,
      });
    }
  });

  it('refuses a batch partly stored, naming the stored ids in batch order', () => {
    const fresh = resident.event('CaseSubmitted');
    expect(() => settleAgainstHead(stream, [existing[2], fresh, existing[0]], 2, head)).toThrow(
      expect.objectContaining({
        constructor: PartialDuplicateBatchError,
        duplicateIds: [existing[2].id, existing[0].id],
      }),
    );
  });

  it('refuses a stale or premature expected version, naming the actual one, and lets the right one and any through', () => {
    const fresh = resident.events(1);
    for (const stale of ['no-stream', 0, 1, 3] as const) {
      expect(() => settleAgainstHead(stream, fresh, stale, head)).toThrow(
        expect.objectContaining({
          constructor: WrongExpectedVersionError,
          expected: stale,
          actual: 2,
        }),
      );
    }
    expect(() => settleAgainstHead(stream, fresh, 0, emptyHead())).toThrow(
      expect.objectContaining({ actual: 'no-stream' }),
    );
    expect(settleAgainstHead(stream, fresh, 2, head)).toBeUndefined();
    expect(settleAgainstHead(stream, fresh, 'any', head)).toBeUndefined();
    expect(settleAgainstHead(stream, fresh, 'no-stream', emptyHead())).toBeUndefined();
  });
});

describe('chaining onto the head', () => {
  it('numbers after the head, links each prevHash to the hash before and hashes the stored form', () => {
    const existing = stored(2);
    const chained = chainOnto(
      stream,
      prepareNewEvents(stream, resident.events(3)),
      headOf(existing),
      '2025-03-14T09:00:00.000Z',
    );
    expect(chained.map((event) => event.streamVersion)).toEqual([2, 3, 4]);
    expect(chained.map((event) => event.prevHash)).toEqual([
      existing[1].hash,
      chained[0].hash,
      chained[1].hash,
    ]);
    for (const event of chained) expect(eventHash(event)).toBe(event.hash);
  });
});

describe('the head cache', () => {
  it('reads a stream whole once, then only what came after its head', async () => {
    const events = stored(5);
    let length = 3;
    const reads: number[] = [];
    const heads = new StreamHeads(async (_, revision) => {
      reads.push(revision);
      return events.slice(revision, length);
    }, 10);

    expect((await heads.current(stream)).version).toBe(2);
    length = 5; // another writer appended two
    const head = await heads.current(stream);
    expect(head.version).toBe(4);
    expect([...head.ids]).toEqual(events.map((event) => event.id));
    expect(reads).toEqual([0, 3]);
  });

  it('takes what an append wrote only when it continues the head', async () => {
    const events = stored(4);
    const heads = new StreamHeads(async (_, revision) => events.slice(revision, 2), 10);
    const head = await heads.current(stream);
    heads.appended(stream, events.slice(3)); // a gap: someone else's event at 2 is not known yet
    expect(head.version).toBe(1);
    heads.appended(stream, events.slice(2));
    expect(head.version).toBe(3);
  });

  it('forgets the least recently used streams beyond its capacity, and reads them whole again', async () => {
    const reads: string[] = [];
    const [only] = stored(1);
    const heads = new StreamHeads(async (name, revision) => {
      reads.push(`${name}@${revision}`);
      return revision === 0 ? [only] : [];
    }, 2);
    for (const name of ['a', 'b', 'a', 'c', 'a', 'b']) await heads.current(name);
    expect(heads.size).toBe(2);
    // c pushes out b (least recently used); a, used again, stays and is read from its head on.
    expect(reads).toEqual(['a@0', 'b@0', 'a@1', 'c@0', 'a@1', 'b@0']);
  });
});
