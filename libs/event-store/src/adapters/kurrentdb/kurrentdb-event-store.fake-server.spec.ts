/**
 * The contract suite on KurrentDbEventStore over the in-memory double of the client
 * (fake-kurrentdb-server.ts), which runs anywhere. It checks the adapter's own logic: idempotency
 * from the head, chaining, the read-back, paging `$all` past KurrentDB's own events and the
 * checkpoint streams, write-behind checkpoints, and tamper verification against the harness's
 * truncate-and-rewrite. What KurrentDB itself does is only checked against a real server:
 * kurrentdb-event-store.int.spec.ts.
 */
import {
  describeEventStoreContract,
  type ContractHarness,
} from '../../contract/event-store.contract';
import { deliveredAcrossInstances, newResident, subscriberName } from '../../contract/fixtures';
import { START } from '../../port/event-store';
import { FakeKurrentDbServer } from './fake-kurrentdb-server';
import { kurrentDbHarness, rewriteStream } from './kurrentdb-contract-harness';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/** One server for the whole suite, as against a real one: tests never assume an empty store. */
const server = new FakeKurrentDbServer();

function doubleHarness(): Promise<ContractHarness> {
  return kurrentDbHarness({
    open: async () => KurrentDbEventStore.fromClient(server.client(), { pollIntervalMs: 20 }),
    rawClient: () => server.client(),
  });
}

describeEventStoreContract(
  'KurrentDB adapter over an in-memory double of the client (no server)',
  doubleHarness,
);

describe('KurrentDbEventStore over the in-memory double', () => {
  let harness: ContractHarness;
  beforeEach(async () => {
    harness = await doubleHarness();
  });
  afterEach(async () => {
    await harness.cleanup();
  });

  it('keeps checkpoint streams and stream metadata out of readAll', async () => {
    const resident = newResident();
    await harness.store.append(resident.stream('intake'), resident.events(2), 'no-stream');
    const subscription = harness.store.subscribe(subscriberName('internal'), async () => undefined);
    await subscription.caughtUp;
    await subscription.stop();

    const all = await harness.store.readAll(START);
    expect(all.filter((event) => event.streamName.startsWith('lastri-checkpoint-'))).toEqual([]);
    expect(
      all.filter((event) => event.streamName.startsWith('$') || event.type.startsWith('$')),
    ).toEqual([]);
    const positions = all.map((event) => event.globalPosition);
    expect([...positions].sort()).toEqual(positions);
  });

  it('finds a stream whose first events were hidden by truncate-before, without a rewrite', async () => {
    const resident = newResident();
    const stream = resident.stream('intake');
    await harness.store.append(stream, resident.events(4), 'no-stream');
    const client = server.client();
    await client.setStreamMetadata(stream, { truncateBefore: 2 });
    await client.dispose();

    expect(await harness.store.verifyStream(stream)).toMatchObject({
      ok: false,
      streamVersion: 0,
      problem: 'missing-event',
    });
  });

  it('finds a stream written again even when every hash was recomputed to fit', async () => {
    const resident = newResident();
    const stream = resident.stream('intake');
    await harness.store.append(stream, resident.events(3), 'no-stream');
    // An identical copy stands in for a rewrite whose chain was recomputed: it verifies as a chain.
    const client = server.client();
    await rewriteStream(client, stream, (records) => records);
    await client.dispose();

    const verification = await harness.store.verifyStream(stream);
    expect(verification).toMatchObject({ ok: false, streamVersion: 0, problem: 'missing-event' });
    expect(!verification.ok && verification.detail).toMatch(
      /revisions 0–2 are hidden by truncate-before 3/,
    );
  });

  it('treats an append that KurrentDB answers as a duplicate of a concurrent one as already appended', async () => {
    const other = await harness.reopen();
    const resident = newResident();
    const stream = resident.stream('referral');
    await harness.store.append(stream, resident.events(1), 'no-stream');
    const batch = resident.events(2);

    const outcomes = await Promise.all([
      harness.store.append(stream, batch, 0),
      other.append(stream, batch, 0),
    ]);
    expect(outcomes.map((outcome) => outcome.alreadyAppended).sort()).toEqual([false, true]);
    expect(outcomes.map((outcome) => outcome.streamVersion)).toEqual([2, 2]);
    expect(await harness.store.readStream(stream)).toHaveLength(3);
  });

  it('delivers live to a subscription on another instance through the wake-up feed, long before its poll', async () => {
    const listening = KurrentDbEventStore.fromClient(server.client(), { pollIntervalMs: 600_000 });
    try {
      const { delivered, appended } = await deliveredAcrossInstances(harness.store, listening, {
        settleMs: 0,
        deadlineMs: 5_000,
      });
      expect(delivered).toEqual([appended]);
    } finally {
      await listening.close();
    }
  });
});
