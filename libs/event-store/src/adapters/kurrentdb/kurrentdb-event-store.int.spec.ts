/**
 * The contract suite on a real KurrentDB server, then what only a real server can show: how
 * the events sit in KurrentDB, its positions, its own idempotency, checkpoint streams, the
 * subscribeToAll wake-ups, and tampering beyond the contract's two cases.
 *
 * A server comes from KURRENTDB_URL, or from testcontainers where a Docker engine answers
 * (@lastri/testing). Where neither exists the suite is skipped, and says so by name.
 */
import { KurrentDBClient, type JSONType } from '@kurrent/kurrentdb-client';
import { kurrentDbAvailability, kurrentDbUrl } from '@lastri/testing';

import {
  describeEventStoreContract,
  type ContractHarness,
} from '../../contract/event-store.contract';
import {
  deliveredAcrossInstances,
  ids,
  newResident,
  subscriberName,
} from '../../contract/fixtures';
import { START } from '../../port/event-store';
import { kurrentDbHarness, type KurrentHarnessTarget } from './kurrentdb-contract-harness';
import { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store';

const availability = kurrentDbAvailability();

function target(url: string, options: KurrentDbEventStoreOptions = {}): KurrentHarnessTarget {
  return {
    open: () => KurrentDbEventStore.connect(url, options),
    rawClient: () => KurrentDBClient.connectionString(url),
  };
}

if (!availability.available) {
  console.warn(
    `KurrentDB adapter tests SKIPPED: ${availability.reason}. ` +
      'Set KURRENTDB_URL (e.g. kurrentdb://localhost:2113?tls=false) or run where a Docker engine answers.',
  );
  // Not describe.skip: jest prints nothing at all of a file whose tests are all skipped, not
  // even the warning above. A todo is counted as skipped (npm test adds todos to "skipped"), and
  // keeps this file, the warning and (verbose) the name saying why in the output.
  describe(`KurrentDB adapter — SKIPPED: ${availability.reason}`, () => {
    it.todo('EventStore contract and KurrentDB-specific tests against a real server');
  });
} else {
  // The first call may start a container; allow for pulling the image.
  jest.setTimeout(300_000);

  describeEventStoreContract(`KurrentDB (${availability.source})`, async () =>
    kurrentDbHarness(target(await kurrentDbUrl())),
  );

  describe('KurrentDbEventStore on a real server', () => {
    let url: string;
    let harness: ContractHarness;
    let raw: KurrentDBClient;

    beforeEach(async () => {
      url = await kurrentDbUrl();
      harness = await kurrentDbHarness(target(url));
      raw = KurrentDBClient.connectionString(url);
    });
    afterEach(async () => {
      await harness.cleanup();
      await raw.dispose();
    });

    async function rawEvents(stream: string) {
      const events = [];
      for await (const resolved of raw.readStream(stream))
        if (resolved.event) events.push(resolved.event);
      return events;
    }

    it("stores each event under its own id, data as JSON, and the chain fields in the metadata's lastri envelope", async () => {
      const resident = newResident();
      const stream = resident.stream('intake');
      const [event] = resident.events(1);
      const { appended } = await harness.store.append(stream, [event], 'no-stream');

      const [stored] = await rawEvents(stream);
      expect(stored).toMatchObject({
        id: event.id,
        type: event.type,
        isJson: true,
        revision: 0n,
        data: event.data,
      });
      expect(stored.metadata).toEqual({
        $correlationId: event.metadata.correlationId,
        lastri: {
          envelope: 1,
          schemaVersion: 1,
          streamVersion: 0,
          recordedAt: appended[0].recordedAt,
          prevHash: appended[0].prevHash,
          hash: appended[0].hash,
          metadata: event.metadata,
          write: expect.any(String),
        },
      });
    });

    it('gives each event the same position in its stream and in $all, sorting as text in $all order', async () => {
      const resident = newResident();
      const first = await harness.store.append(
        resident.stream('intake'),
        resident.events(3),
        'no-stream',
      );
      const second = await harness.store.append(
        resident.stream('referral'),
        resident.events(2),
        'no-stream',
      );
      const appended = [...first.appended, ...second.appended];

      const all = (await harness.store.readAll(START)).filter(
        (event) => event.metadata.residentId === resident.residentId,
      );
      expect(all.map((event) => [event.id, event.globalPosition])).toEqual(
        appended.map((event) => [event.id, event.globalPosition]),
      );
      const positions = all.map((event) => event.globalPosition);
      expect([...positions].sort()).toEqual(positions);
      for (const position of positions) expect(position).toMatch(/^\d{20}:\d{20}$/);
    });

    it('answers a concurrent append of the same batch by another instance as already appended', async () => {
      const other = await harness.reopen();
      const resident = newResident();
      const stream = resident.stream('eligibility');
      await harness.store.append(stream, resident.events(1), 'no-stream');
      for (let round = 0; round < 10; round++) {
        const batch = resident.events(2);
        const outcomes = await Promise.all([
          harness.store.append(stream, batch, 'any'),
          other.append(stream, batch, 'any'),
        ]);
        expect(outcomes.map((outcome) => outcome.alreadyAppended).sort()).toEqual([false, true]);
      }
      expect(await harness.store.readStream(stream)).toHaveLength(21);
      expect(await harness.store.verifyStream(stream)).toMatchObject({
        ok: true,
        eventsChecked: 21,
      });
    });

    it('keeps a checkpoint stream per subscriber, capped at one event, out of readAll', async () => {
      const resident = newResident();
      await harness.store.append(resident.stream('intake'), resident.events(2), 'no-stream');
      const name = subscriberName('capped');
      const subscription = harness.store.subscribe(name, async () => undefined);
      await subscription.caughtUp;
      await subscription.stop();

      const { metadata } = await raw.getStreamMetadata(`lastri-checkpoint-${name}`);
      expect(metadata?.maxCount).toBe(1);
      const [checkpoint] = await rawEvents(`lastri-checkpoint-${name}`);
      expect((checkpoint.data as { position: string }).position).toMatch(/^\d{20}:\d{20}$/);
      const all = await harness.store.readAll(START);
      expect(all.some((event) => event.streamName.startsWith('lastri-checkpoint-'))).toBe(false);
      expect(
        all.some((event) => event.streamName.startsWith('$') || event.type.startsWith('$')),
      ).toBe(false);
    });

    it('wakes a subscription in another process through subscribeToAll, long before its next poll', async () => {
      const listening = await KurrentDbEventStore.connect(url, { pollIntervalMs: 600_000 });
      try {
        // 500 ms for the push feed to come up.
        const { delivered, appended } = await deliveredAcrossInstances(harness.store, listening, {
          settleMs: 500,
          deadlineMs: 10_000,
        });
        expect(delivered).toEqual([appended]);
      } finally {
        await listening.close();
      }
    });

    it('finds events hidden by truncate-before, and a soft-deleted stream', async () => {
      const resident = newResident();
      const truncated = resident.stream('intake');
      await harness.store.append(truncated, resident.events(4), 'no-stream');
      await raw.setStreamMetadata(truncated, { truncateBefore: 2 });
      expect(await harness.store.verifyStream(truncated)).toMatchObject({
        ok: false,
        streamVersion: 0,
        problem: 'missing-event',
      });

      const deleted = resident.stream('referral');
      await harness.store.append(deleted, resident.events(2), 'no-stream');
      await raw.deleteStream(deleted);
      expect(await harness.store.verifyStream(deleted)).toMatchObject({
        ok: false,
        streamVersion: 0,
        problem: 'truncated',
      });
    });

    it('finds an event appended behind its back, without the envelope', async () => {
      const resident = newResident();
      const stream = resident.stream('notification');
      await harness.store.append(stream, resident.events(2), 'no-stream');
      await raw.appendToStream(stream, {
        id: '0e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
        contentType: 'application/json',
        type: 'ResidentNotified',
        data: { forged: true } as JSONType,
        metadata: undefined,
      });
      expect(await harness.store.verifyStream(stream)).toMatchObject({
        ok: false,
        streamVersion: 2,
        eventId: '0e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
        problem: 'content-altered',
      });
      await expect(harness.store.readStream(stream)).rejects.toThrow(/is not a LASTRI event/);
    });

    it('connects with an esdb:// URL as well', async () => {
      const store = await KurrentDbEventStore.connect(url.replace(/^kurrentdb:/, 'esdb:'));
      try {
        const resident = newResident();
        const batch = resident.events(2);
        await store.append(resident.stream('intake'), batch, 'no-stream');
        expect(ids(await harness.store.readStream(resident.stream('intake')))).toEqual(ids(batch));
      } finally {
        await store.close();
      }
    });
  });
}
