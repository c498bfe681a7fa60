import { eventHash } from '../../chain/hash-chain';
import { newResident } from '../../contract/fixtures';
import { validateNewEvents } from '../../port/validate-new-events';
import {
  ForeignEventError,
  decodeRecordedEvent,
  isStoreInternal,
  toEventData,
  type RecordedLike,
} from './kurrentdb-envelope';
import { encodePosition } from './kurrentdb-position';
import { chainOnto, emptyHead } from './kurrentdb-stream-heads';

/** What the server hands back for an appended event: its JSON parsed again, plus place and position. */
function asRecorded(
  data: ReturnType<typeof toEventData>,
  stream: string,
  revision: bigint,
  position = { commit: 4_096n, prepare: 4_000n },
): RecordedLike {
  return {
    streamId: stream,
    id: data.id,
    type: data.type,
    revision,
    isJson: data.contentType === 'application/json',
    data: JSON.parse(JSON.stringify(data.data)),
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    position,
  };
}

describe('the LASTRI envelope in KurrentDB event metadata', () => {
  const resident = newResident();
  const stream = resident.stream('eligibility');
  const [full, minimal] = validateNewEvents(stream, [
    resident.event(
      'EligibilityDetermined',
      {
        programme: 'PKH',
        note: 'Rp 1.500.000 ✓',
        reviewer: null,
        reasons: [{ rule: 'desil<=4' }],
        empty: {},
      },
      { caseId: 'case-2025-0042', causationId: resident.event('CaseSubmitted').id },
    ),
    resident.event('ResidentNotified'),
  ]);
  const chained = chainOnto(stream, [full, minimal], emptyHead(), '2025-03-14T08:30:00.123Z');

  it('round-trips every stored field; the revision is the stream version, the log position the global one', () => {
    const recorded = chained.map((event, index) =>
      asRecorded(toEventData(event, 'write-1'), stream, BigInt(index), {
        commit: 4_096n,
        prepare: 4_000n + BigInt(index),
      }),
    );
    const decoded = recorded.map(decodeRecordedEvent);

    expect(decoded.map((record) => record.event)).toStrictEqual(
      chained.map((event, index) => ({
        ...event,
        globalPosition: encodePosition({ commit: 4_096n, prepare: 4_000n + BigInt(index) }),
      })),
    );
    expect(decoded.map((record) => [record.revision, record.chainedVersion, record.write])).toEqual(
      [
        [0, 0, 'write-1'],
        [1, 1, 'write-1'],
      ],
    );
    for (const { event } of decoded) expect(eventHash(event)).toBe(event.hash);
    // Absent optional metadata stays absent: the hash covers the metadata object as stored.
    expect(Object.keys(decoded[1].event.metadata).sort()).toEqual([
      'actor',
      'correlationId',
      'occurredAt',
      'residentId',
    ]);
  });

  it("writes KurrentDB's $correlationId / $causationId beside the envelope, and the chain fields inside it", () => {
    const [withCause, withoutCause] = chained.map((event) => toEventData(event, 'write-1'));
    expect(withCause).toMatchObject({
      id: full.id,
      type: 'EligibilityDetermined',
      contentType: 'application/json',
      data: full.data,
    });
    expect(withCause.metadata).toEqual({
      $correlationId: full.metadata.correlationId,
      $causationId: full.metadata.causationId,
      lastri: {
        envelope: 1,
        schemaVersion: 1,
        streamVersion: 0,
        recordedAt: '2025-03-14T08:30:00.123Z',
        prevHash: chained[0].prevHash,
        hash: chained[0].hash,
        metadata: full.metadata,
        write: 'write-1',
      },
    });
    expect(withoutCause.metadata).not.toHaveProperty('$causationId');
  });

  it('reads an event stored at another revision than it was chained at as that revision, keeping the chained one apart', () => {
    const decoded = decodeRecordedEvent(asRecorded(toEventData(chained[1], 'w'), stream, 6n));
    expect(decoded.event.streamVersion).toBe(6);
    expect(decoded.chainedVersion).toBe(1);
  });

  it.each<[string, (recorded: RecordedLike) => void]>([
    ['no metadata', (recorded) => (recorded.metadata = undefined)],
    ['metadata without an envelope', (recorded) => (recorded.metadata = { $correlationId: 'x' })],
    [
      'binary data',
      (recorded) => ((recorded.isJson = false), (recorded.data = new Uint8Array([1]))),
    ],
    [
      'another envelope version',
      (recorded) => ((recorded.metadata as { lastri: { envelope: number } }).lastri.envelope = 2),
    ],
    [
      'a hash that is not a SHA-256 digest',
      (recorded) => ((recorded.metadata as { lastri: { hash: string } }).lastri.hash = 'abc'),
    ],
    ['no log position', (recorded) => (recorded.position = undefined)],
  ])('refuses an event with %s as not written by this store', (_, spoil) => {
    const recorded = asRecorded(toEventData(chained[0], 'w'), stream, 0n);
    spoil(recorded);
    expect(() => decodeRecordedEvent(recorded)).toThrow(ForeignEventError);
  });

  it("tells KurrentDB's own streams and types and the checkpoint streams from the store's events", () => {
    expect(isStoreInternal('$$intake-r1', '$metadata')).toBe(true);
    expect(isStoreInternal('$stats-127.0.0.1:2113', '$statsCollected')).toBe(true);
    expect(isStoreInternal('$projections-p-result', 'Result')).toBe(true);
    expect(isStoreInternal('intake-r1', '$>')).toBe(true);
    expect(isStoreInternal('lastri-checkpoint-reporting', 'LastriCheckpointSaved')).toBe(true);
    expect(isStoreInternal('intake-r1', 'ResidentRegistered')).toBe(false);
  });
});
