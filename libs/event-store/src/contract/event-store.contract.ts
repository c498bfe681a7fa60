/**
 * The behaviour every EventStore adapter promises (docs/architecture.md, Event store). Each adapter's
 * spec calls `describeEventStoreContract` with a harness over its own storage.
 *
 * Tests never assume an empty store: each works on fresh residents and subscriber names and
 * ignores events that are not its own, so a harness may hand out one shared server (KurrentDB)
 * as well as a fresh database per test.
 */
import { GENESIS_HASH, eventHash } from '../chain/hash-chain';
import {
  InvalidEventError,
  PartialDuplicateBatchError,
  WrongExpectedVersionError,
} from '../port/errors';
import type {
  EventStore,
  NewEvent,
  StoredEvent,
  StreamName,
  SubscribeOptions,
} from '../port/event-store';
import { START } from '../port/event-store';
import {
  ids,
  newResident,
  ofResidents,
  subscriberName,
  waitUntil,
  type TestResident,
} from './fixtures';

export interface ContractHarness {
  /** The store under test. */
  store: EventStore;
  /**
   * Another store instance on the same underlying storage, as a second process (or a restarted
   * one) would open it. It does not close `store`: the suite uses both at once to race writers.
   * The harness closes every instance it handed out in `cleanup`.
   */
  reopen(): Promise<EventStore>;
  /** Direct changes in the database, bypassing the port: what an attacker or a bad script does. */
  tamper: {
    /** Overwrites the stored data of the event at `version`, leaving its hash as it was. */
    modifyEventData(stream: StreamName, version: number, newData: unknown): Promise<void>;
    /** Removes the event at `version`, leaving the stream's other events and head record alone. */
    deleteEvent(stream: StreamName, version: number): Promise<void>;
  };
  /** Closes every store instance and drops whatever storage the harness created. */
  cleanup(): Promise<void>;
}

const CONCURRENT_WRITERS = 8;
const EVENTS_PER_WRITER = 400;
const STREAMS_PER_WRITER = 10;

export function describeEventStoreContract(
  adapterName: string,
  harness: () => Promise<ContractHarness>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let h: ContractHarness;
    let store: EventStore;

    beforeEach(async () => {
      h = await harness();
      store = h.store;
    });
    afterEach(async () => {
      await h?.cleanup();
    });

    /** Every event of these residents, in global order. */
    async function readAllOf(residentIds: Iterable<string>, from = START): Promise<StoredEvent[]> {
      const wanted = [...residentIds];
      const found: StoredEvent[] = [];
      let position = from;
      for (;;) {
        const page = await store.readAll(position, 1000);
        if (page.length === 0) return found;
        found.push(...ofResidents(page, wanted));
        position = page[page.length - 1].globalPosition;
      }
    }

    describe('append and readStream', () => {
      it('given a stream with events, reads them forwards, backwards, from a version and up to a limit', async () => {
        const resident = newResident();
        const stream = resident.stream('intake');
        const batch = resident.events(5);
        await store.append(stream, batch, 'no-stream');

        expect(ids(await store.readStream(stream))).toEqual(ids(batch));
        expect(ids(await store.readStream(stream, { direction: 'backwards' }))).toEqual(
          ids(batch).reverse(),
        );
        expect(ids(await store.readStream(stream, { from: 2 }))).toEqual(ids(batch.slice(2)));
        expect(ids(await store.readStream(stream, { from: 1, limit: 2 }))).toEqual(
          ids(batch.slice(1, 3)),
        );
        expect(
          ids(await store.readStream(stream, { direction: 'backwards', from: 3, limit: 2 })),
        ).toEqual([batch[3].id, batch[2].id]);
        expect(ids(await store.readStream(stream, { direction: 'backwards', limit: 1 }))).toEqual([
          batch[4].id,
        ]);
        expect(await store.readStream(stream, { from: 5 })).toEqual([]);
      });

      it('reads a stream that was never written as empty', async () => {
        expect(await store.readStream(newResident().stream('referral'))).toEqual([]);
      });

      it('refuses a from or limit that is not a whole number in range, naming it', async () => {
        const stream = newResident().stream('intake');
        await expect(store.readStream(stream, { from: -1 })).rejects.toThrow(/from/);
        await expect(store.readStream(stream, { limit: 0 })).rejects.toThrow(/limit/);
        await expect(store.readStream(stream, { limit: 1.5 })).rejects.toThrow(RangeError);
        await expect(store.readAll(START, 0)).rejects.toThrow(/limit/);
      });

      it('numbers events from 0 and continues the numbering across appends', async () => {
        const resident = newResident();
        const stream = resident.stream('intake');
        const first = await store.append(stream, resident.events(2), 'no-stream');
        const second = await store.append(stream, resident.events(3), 1);

        expect(first).toMatchObject({ streamVersion: 1, alreadyAppended: false });
        expect(first.appended.map((event) => event.streamVersion)).toEqual([0, 1]);
        expect(second).toMatchObject({ streamVersion: 4, alreadyAppended: false });
        expect(second.appended.map((event) => event.streamVersion)).toEqual([2, 3, 4]);
        expect((await store.readStream(stream)).map((event) => event.streamVersion)).toEqual([
          0, 1, 2, 3, 4,
        ]);
      });

      it('reports what it stored, as a later read returns it', async () => {
        const resident = newResident();
        const stream = resident.stream('eligibility');
        const result = await store.append(stream, resident.events(3), 'no-stream');
        const read = await store.readStream(stream);

        // KurrentDB learns each event's own position only on reading, so positions are compared by read.
        const withoutPosition = (events: StoredEvent[]) =>
          events.map(({ globalPosition: _, ...rest }) => rest);
        expect(withoutPosition(result.appended)).toStrictEqual(withoutPosition(read));
        for (const event of result.appended)
          expect(event.globalPosition).toEqual(expect.any(String));
      });
    });

    describe('expected version', () => {
      it("'no-stream' creates a stream and is refused once the stream exists", async () => {
        const resident = newResident();
        const stream = resident.stream('intake');
        await store.append(stream, resident.events(2), 'no-stream');

        const refusal = store.append(stream, resident.events(1), 'no-stream');
        await expect(refusal).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(refusal).rejects.toMatchObject({
          streamName: stream,
          expected: 'no-stream',
          actual: 1,
        });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('a number must be the version of the last event', async () => {
        const resident = newResident();
        const stream = resident.stream('intake');
        await store.append(stream, resident.events(3), 'no-stream');

        for (const stale of [0, 1, 3, 7]) {
          const refusal = store.append(stream, resident.events(1), stale);
          await expect(refusal).rejects.toBeInstanceOf(WrongExpectedVersionError);
          await expect(refusal).rejects.toMatchObject({
            streamName: stream,
            expected: stale,
            actual: 2,
          });
        }
        await expect(store.append(stream, resident.events(1), 2)).resolves.toMatchObject({
          streamVersion: 3,
        });
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('a number on a stream that does not exist is refused, naming no-stream as the actual version', async () => {
        const resident = newResident();
        const stream = resident.stream('referral');
        const refusal = store.append(stream, resident.events(1), 0);
        await expect(refusal).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(refusal).rejects.toMatchObject({
          streamName: stream,
          expected: 0,
          actual: 'no-stream',
        });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it("'any' appends whether or not the stream exists", async () => {
        const resident = newResident();
        const stream = resident.stream('notification');
        await expect(store.append(stream, resident.events(2), 'any')).resolves.toMatchObject({
          streamVersion: 1,
        });
        await expect(store.append(stream, resident.events(1), 'any')).resolves.toMatchObject({
          streamVersion: 2,
        });
      });

      it('two writers racing on one stream with the same expected version: exactly one wins, the other is told why', async () => {
        const other = await h.reopen();
        const resident = newResident();
        const stream = resident.stream('eligibility');
        let version: number | 'no-stream' = 'no-stream';
        let stored: string[] = [];

        for (let round = 0; round < 20; round++) {
          // Different batch sizes, so the loser's `actual` shows whose append won.
          const mine = resident.events(1);
          const theirs = resident.events(2);
          const outcomes = await Promise.allSettled([
            store.append(stream, mine, version),
            other.append(stream, theirs, version),
          ]);

          const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          const losers = outcomes.filter(
            (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
          );
          expect(winners).toHaveLength(1);
          expect(losers).toHaveLength(1);
          const winningBatch = outcomes[0].status === 'fulfilled' ? mine : theirs;
          const newVersion: number = (version === 'no-stream' ? -1 : version) + winningBatch.length;
          expect(losers[0].reason).toBeInstanceOf(WrongExpectedVersionError);
          expect(losers[0].reason).toMatchObject({
            streamName: stream,
            expected: version,
            actual: newVersion,
          });

          stored = [...stored, ...ids(winningBatch)];
          expect(ids(await store.readStream(stream))).toEqual(stored);
          version = newVersion;
        }
      });
    });

    describe('idempotent appends', () => {
      it('re-appending stored events is a no-op reported as alreadyAppended, even with a now stale expected version', async () => {
        const resident = newResident();
        const stream = resident.stream('eligibility');
        const batch = resident.events(2);
        await store.append(stream, batch, 'no-stream');
        await store.append(stream, resident.events(1), 1);

        for (const expected of ['no-stream', 1, 'any', 2] as const) {
          const retry = await store.append(stream, batch, expected);
          expect(retry).toEqual({ streamVersion: 2, appended: [], alreadyAppended: true });
        }
        const retryOfOne = await store.append(stream, [batch[1]], 0);
        expect(retryOfOne).toEqual({ streamVersion: 2, appended: [], alreadyAppended: true });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('refuses a batch partly stored already, naming the stored ids, and stores none of it', async () => {
        const resident = newResident();
        const stream = resident.stream('referral');
        const batch = resident.events(2);
        await store.append(stream, batch, 'no-stream');

        const fresh = resident.event('ReferralSent');
        const refusal = store.append(stream, [batch[1], fresh], 1);
        await expect(refusal).rejects.toBeInstanceOf(PartialDuplicateBatchError);
        await expect(refusal).rejects.toMatchObject({
          streamName: stream,
          duplicateIds: [batch[1].id],
        });
        expect(ids(await store.readStream(stream))).toEqual(ids(batch));
      });

      it('treats an id as identifying an event within its stream: another stream may use it', async () => {
        const resident = newResident();
        const event = resident.event('ResidentRegistered');
        await store.append(resident.stream('intake'), [event], 'no-stream');
        const elsewhere = await store.append(resident.stream('notification'), [event], 'no-stream');

        expect(elsewhere.alreadyAppended).toBe(false);
        expect(ids(await store.readStream(resident.stream('notification')))).toEqual([event.id]);
      });
    });

    describe('readAll', () => {
      async function interleavedAppends(
        first: TestResident,
        second: TestResident,
      ): Promise<NewEvent[]> {
        const a1 = first.event('A1');
        const b = [second.event('B1'), second.event('B2')];
        const a2 = first.event('A2');
        const a3 = first.event('A3');
        const b3 = second.event('B3');
        await store.append(first.stream('intake'), [a1], 'no-stream');
        await store.append(second.stream('intake'), b, 'no-stream');
        await store.append(first.stream('eligibility'), [a2], 'no-stream');
        await store.append(first.stream('intake'), [a3], 0);
        await store.append(second.stream('intake'), [b3], 1);
        return [a1, ...b, a2, a3, b3];
      }

      it('returns the events of all streams in the order they were committed', async () => {
        const [first, second] = [newResident(), newResident()];
        const committed = await interleavedAppends(first, second);

        const all = await readAllOf([first.residentId, second.residentId]);
        expect(ids(all)).toEqual(ids(committed));
        expect(new Set(all.map((event) => event.globalPosition)).size).toBe(committed.length);
        expect(
          ids(ofResidents(await store.readAll(), [first.residentId, second.residentId])),
        ).toEqual(ids(committed));
      });

      it('pages from a position: after it, up to the limit, with no page overlapping or skipping', async () => {
        const [first, second] = [newResident(), newResident()];
        const committed = await interleavedAppends(first, second);
        const [firstStored] = await store.readStream(first.stream('intake'), { limit: 1 });

        const pages: StoredEvent[][] = [];
        let position = firstStored.globalPosition;
        let ours: StoredEvent[] = [];
        while (ours.length < committed.length - 1) {
          const page = await store.readAll(position, 2);
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(2);
          pages.push(page);
          ours = [...ours, ...ofResidents(page, [first.residentId, second.residentId])];
          position = page[page.length - 1].globalPosition;
        }
        expect(pages[0]).toHaveLength(2);
        expect(ids(ours)).toEqual(ids(committed.slice(1)));
        const positions = pages.flat().map((event) => event.globalPosition);
        expect(new Set(positions).size).toBe(positions.length);

        expect(
          ofResidents(await store.readAll(position, 100), [first.residentId, second.residentId]),
        ).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      /**
       * What a restarted instance's batch subscription under `name` is handed (as `keep` picks
       * the ids of each batch) from its checkpoint until it has caught up.
       */
      async function redeliveredInBatches(
        name: string,
        options: SubscribeOptions,
        keep: (batch: StoredEvent[]) => string[] = ids,
      ): Promise<string[]> {
        const redelivered: string[] = [];
        const restarted = (await h.reopen()).subscribeInBatches(
          name,
          async (batch) => {
            redelivered.push(...keep(batch));
          },
          options,
        );
        await restarted.caughtUp;
        await restarted.stop();
        return redelivered;
      }

      /** `count` events of a new resident's intake stream, stored, read two to a batch, two batches in flight. */
      async function twoBatchesInFlight(count: number, label: string) {
        const resident = newResident();
        const events = resident.events(count);
        await store.append(resident.stream('intake'), events, 'no-stream');
        const options: SubscribeOptions = {
          batchSize: 2,
          batchesInFlight: 2,
          filter: { streamPrefixes: [resident.stream('intake')] },
        };
        return { events, name: subscriberName(label), options };
      }

      it(`catch-up then live: with ${CONCURRENT_WRITERS} writers appending concurrently, delivers every event once, in readAll order`, async () => {
        const other = await h.reopen();
        const residents = Array.from({ length: CONCURRENT_WRITERS * STREAMS_PER_WRITER }, () =>
          newResident(),
        );
        const residentIds = residents.map((resident) => resident.residentId);
        const versions = new Map<string, number | 'no-stream'>(
          residentIds.map((id) => [id, 'no-stream']),
        );

        async function write(writer: number, eventCount: number): Promise<void> {
          const writerStore = writer % 2 === 0 ? store : other;
          const own = residents.slice(
            writer * STREAMS_PER_WRITER,
            (writer + 1) * STREAMS_PER_WRITER,
          );
          for (let written = 0, turn = 0; written < eventCount; turn++) {
            const resident = own[turn % own.length];
            const batch = resident.events(Math.min(1 + (turn % 4), eventCount - written));
            const result = await writerStore.append(
              resident.stream('intake'),
              batch,
              versions.get(resident.residentId) ?? 'no-stream',
            );
            versions.set(resident.residentId, result.streamVersion);
            written += batch.length;
          }
        }

        // Some history before the subscriber starts, the rest while it runs.
        await Promise.all(
          Array.from({ length: CONCURRENT_WRITERS }, (_, writer) => write(writer, 10)),
        );
        const delivered: StoredEvent[] = [];
        const subscription = store.subscribe(
          subscriberName('concurrent'),
          async (event) => {
            if (versions.has(event.metadata.residentId)) delivered.push(event);
          },
          { batchSize: 64 },
        );
        await Promise.all(
          Array.from({ length: CONCURRENT_WRITERS }, (_, writer) =>
            write(writer, EVENTS_PER_WRITER),
          ),
        );

        // A last event after everything else: once it arrives, nothing else can still be on its way.
        const last = residents[0];
        const marker = last.event('LastOfTheRun');
        await store.append(
          last.stream('intake'),
          [marker],
          versions.get(last.residentId) ?? 'no-stream',
        );
        await waitUntil('the subscriber received the last event', () =>
          delivered.some((event) => event.id === marker.id),
        );
        await subscription.caughtUp;
        await subscription.stop();
        await expect(subscription.stopped).resolves.toBeUndefined();

        const log = await readAllOf(residentIds);
        expect(log).toHaveLength(CONCURRENT_WRITERS * (EVENTS_PER_WRITER + 10) + 1);
        expect(new Set(ids(delivered)).size).toBe(delivered.length);
        expect(ids(delivered)).toEqual(ids(log));
      }, 300_000);

      it('delivers only the streams and event types its filter names', async () => {
        const resident = newResident();
        await store.append(
          resident.stream('intake'),
          [resident.event('ResidentRegistered'), resident.event('CaseSubmitted')],
          'no-stream',
        );
        await store.append(
          resident.stream('eligibility'),
          [resident.event('EligibilityDetermined')],
          'no-stream',
        );

        const byStream: StoredEvent[] = [];
        const byType: StoredEvent[] = [];
        const byStreamAndType: StoredEvent[] = [];
        const mine = (into: StoredEvent[]) => async (event: StoredEvent) => {
          into.push(event);
        };
        const subscriptions = [
          store.subscribe(subscriberName('by-stream'), mine(byStream), {
            filter: { streamPrefixes: ['eligibility-'] },
          }),
          store.subscribe(subscriberName('by-type'), mine(byType), {
            filter: { eventTypes: ['CaseSubmitted'] },
          }),
          store.subscribe(subscriberName('by-both'), mine(byStreamAndType), {
            filter: { streamPrefixes: ['intake-'], eventTypes: ['EligibilityDetermined'] },
          }),
        ];
        await Promise.all(subscriptions.map((subscription) => subscription.caughtUp));

        // Live: the excluded event goes first, so when the included one arrives the excluded had its chance.
        await store.append(resident.stream('intake'), [resident.event('CaseSubmitted')], 1);
        await store.append(
          resident.stream('eligibility'),
          [resident.event('EligibilityDetermined')],
          0,
        );
        await waitUntil(
          'the live eligibility event arrived',
          () => ofResidents(byStream, [resident.residentId]).length === 2,
        );
        await waitUntil(
          'the live CaseSubmitted arrived',
          () => ofResidents(byType, [resident.residentId]).length === 2,
        );
        await Promise.all(subscriptions.map((subscription) => subscription.stop()));

        expect(byStream.every((event) => event.streamName.startsWith('eligibility-'))).toBe(true);
        expect(ofResidents(byStream, [resident.residentId]).map((event) => event.type)).toEqual([
          'EligibilityDetermined',
          'EligibilityDetermined',
        ]);
        expect(byType.every((event) => event.type === 'CaseSubmitted')).toBe(true);
        expect(ofResidents(byType, [resident.residentId]).map((event) => event.streamName)).toEqual(
          [resident.stream('intake'), resident.stream('intake')],
        );
        expect(ofResidents(byStreamAndType, [resident.residentId])).toEqual([]);
      });

      it('resumes from its checkpoint after a stop, a restart and a reopened store: nothing handled is delivered again', async () => {
        const resident = newResident();
        const stream = resident.stream('intake');
        const name = subscriberName('resume');
        const ours = (into: string[]) => async (event: StoredEvent) => {
          if (event.metadata.residentId === resident.residentId) into.push(event.id);
        };

        const firstBatch = resident.events(3);
        await store.append(stream, firstBatch, 'no-stream');
        const firstRun: string[] = [];
        const first = store.subscribe(name, ours(firstRun));
        await first.caughtUp;
        await first.stop();
        expect(firstRun).toEqual(ids(firstBatch));

        const secondBatch = resident.events(2);
        await store.append(stream, secondBatch, 2);
        const secondRun: string[] = [];
        const second = store.subscribe(name, ours(secondRun));
        await second.caughtUp;
        await second.stop();
        expect(secondRun).toEqual(ids(secondBatch));
        expect(firstRun).toEqual(ids(firstBatch)); // a stopped subscription delivers nothing more

        const thirdBatch = resident.events(1);
        await store.append(stream, thirdBatch, 4);
        const reopened = await h.reopen();
        const thirdRun: string[] = [];
        const third = reopened.subscribe(name, ours(thirdRun));
        await third.caughtUp;
        const live = resident.event('LiveAfterReopen');
        await reopened.append(stream, [live], 5);
        await waitUntil('the live event arrived', () => thirdRun.includes(live.id));
        await third.stop();
        expect(thirdRun).toEqual([...ids(thirdBatch), live.id]);
      });

      it('a failing handler stops the subscription, keeps the checkpoint before the failed event, which comes again on restart', async () => {
        const resident = newResident();
        const stream = resident.stream('referral');
        const batch = resident.events(5);
        await store.append(stream, batch, 'no-stream');
        const name = subscriberName('failing');

        const handled: string[] = [];
        const failing = store.subscribe(name, async (event) => {
          if (event.metadata.residentId !== resident.residentId) return;
          if (event.id === batch[2].id)
            throw new Error('partner agency endpoint refused the referral');
          handled.push(event.id);
        });
        await expect(failing.stopped).rejects.toThrow(
          'partner agency endpoint refused the referral',
        );
        expect(handled).toEqual(ids(batch.slice(0, 2)));

        const reopened = await h.reopen();
        const redelivered: string[] = [];
        const restarted = reopened.subscribe(name, async (event) => {
          if (event.metadata.residentId === resident.residentId) redelivered.push(event.id);
        });
        await restarted.caughtUp;
        await restarted.stop();
        expect(redelivered).toEqual(ids(batch.slice(2)));
      });

      it('in batches: hands over read batches in global order, checkpoints after each, and redelivers a failed batch whole', async () => {
        const resident = newResident();
        const events = resident.events(5);
        await store.append(resident.stream('notification'), events.slice(0, 3), 'no-stream');
        await store.append(resident.stream('referral'), events.slice(3), 'no-stream');
        const name = subscriberName('batches');
        const ours = (batch: StoredEvent[]) => ids(ofResidents(batch, [resident.residentId]));

        const batchSizes: number[] = [];
        const handled: string[] = [];
        const failing = store.subscribeInBatches(
          name,
          async (batch) => {
            batchSizes.push(batch.length);
            if (ours(batch).includes(events[3].id)) throw new Error('projection store unavailable');
            handled.push(...ours(batch));
          },
          { batchSize: 2 },
        );
        await expect(failing.stopped).rejects.toThrow('projection store unavailable');
        expect(batchSizes.every((size) => size >= 1 && size <= 2)).toBe(true);
        expect(handled).toEqual(ids(events).slice(0, handled.length));
        expect(handled).not.toContain(events[3].id);

        const redelivered = await redeliveredInBatches(name, { batchSize: 2 }, ours);
        // Everything after the last handled batch, the failed batch's earlier events included.
        expect(redelivered).toEqual(ids(events).slice(handled.length));
        expect(redelivered.slice(0, 2)).toContain(events[3].id);
      });

      it('with two batches in flight: hands the next batch over before the last one is done, and saves checkpoints in batch order', async () => {
        const { events, name, options } = await twoBatchesInFlight(4, 'batches-in-flight');

        // The first batch finishes only after the second: possible only with both handed over.
        let secondDone!: () => void;
        const second = new Promise<void>((resolve) => (secondDone = resolve));
        const finished: string[][] = [];
        const subscription = store.subscribeInBatches(
          name,
          async (batch) => {
            if (batch[0].id === events[0].id) await second;
            finished.push(ids(batch));
            if (batch[0].id === events[2].id) secondDone();
          },
          options,
        );
        await subscription.caughtUp;
        await subscription.stop();
        expect(finished).toEqual([ids(events.slice(2)), ids(events.slice(0, 2))]);

        expect(await redeliveredInBatches(name, options)).toEqual([]);
      });

      it('with two batches in flight: a failed batch keeps the checkpoint before it, though the batch after it succeeded', async () => {
        const { events, name, options } = await twoBatchesInFlight(6, 'batches-in-flight-failing');

        let secondHandedOver!: () => void;
        const second = new Promise<void>((resolve) => (secondHandedOver = resolve));
        const handedOver: string[][] = [];
        const failing = store.subscribeInBatches(
          name,
          async (batch) => {
            handedOver.push(ids(batch));
            if (batch[0].id === events[0].id) {
              await second;
              throw new Error('the first batch failed late');
            }
            if (batch[0].id === events[2].id) secondHandedOver();
          },
          options,
        );
        await expect(failing.stopped).rejects.toThrow('the first batch failed late');
        expect(handedOver.slice(0, 2)).toEqual([ids(events.slice(0, 2)), ids(events.slice(2, 4))]);

        expect(await redeliveredInBatches(name, options)).toEqual(ids(events));
      });

      it('refuses a batchesInFlight that is not a whole number from 1', () => {
        for (const batchesInFlight of [0, 1.5, -1]) {
          expect(() =>
            store.subscribeInBatches(subscriberName('refused'), async () => undefined, {
              batchesInFlight,
            }),
          ).toThrow(RangeError);
        }
      });
    });

    describe('resident history', () => {
      it("merges the resident's intake, eligibility, referral and notification streams in global order", async () => {
        const [resident, neighbour] = [newResident(), newResident()];
        const history: NewEvent[] = [];
        async function append(
          who: TestResident,
          stream: StreamName,
          type: string,
          expected: number | 'no-stream',
        ) {
          const event = who.event(type);
          await store.append(stream, [event], expected);
          if (who === resident && stream !== `payments-${resident.residentId}`) history.push(event);
        }
        await append(resident, resident.stream('intake'), 'ResidentRegistered', 'no-stream');
        await append(neighbour, neighbour.stream('intake'), 'ResidentRegistered', 'no-stream');
        await append(resident, resident.stream('intake'), 'CaseSubmitted', 0);
        await append(
          resident,
          resident.stream('eligibility'),
          'EligibilityDetermined',
          'no-stream',
        );
        // Not one of the resident's context streams, although its metadata names the resident.
        await append(resident, `payments-${resident.residentId}`, 'PaymentScheduled', 'no-stream');
        await append(resident, resident.stream('referral'), 'ReferralSent', 'no-stream');
        await append(
          neighbour,
          neighbour.stream('eligibility'),
          'EligibilityDetermined',
          'no-stream',
        );
        await append(resident, resident.stream('notification'), 'ResidentNotified', 'no-stream');
        await append(resident, resident.stream('referral'), 'ReferralAccepted', 0);

        const read = await store.readResidentHistory(resident.residentId);
        expect(ids(read)).toEqual(ids(history));
        expect(read.map((event) => event.streamName)).toEqual([
          resident.stream('intake'),
          resident.stream('intake'),
          resident.stream('eligibility'),
          resident.stream('referral'),
          resident.stream('notification'),
          resident.stream('referral'),
        ]);
        expect(await store.readResidentHistory(newResident().residentId)).toEqual([]);
      });

      it('as of a date: only what the store had recorded at that instant', async () => {
        const resident = newResident();
        const early = await store.append(
          resident.stream('intake'),
          resident.events(2),
          'no-stream',
        );
        await store.append(resident.stream('eligibility'), resident.events(1), 'no-stream');
        const recorded = await store.readResidentHistory(resident.residentId);
        const cut = recorded[recorded.length - 1];

        // Append until the store's clock has moved past the cut, so something is recorded after it.
        let later: StoredEvent;
        let version = 1;
        do {
          await new Promise((resolve) => setTimeout(resolve, 2));
          later = (await store.append(resident.stream('intake'), resident.events(1), version++))
            .appended[0];
        } while (Date.parse(later.recordedAt) <= Date.parse(cut.recordedAt));

        const full = await store.readResidentHistory(resident.residentId);
        const asOfCut = await store.readResidentHistory(resident.residentId, {
          until: new Date(cut.recordedAt),
        });
        expect(ids(asOfCut)).toEqual(
          ids(full.filter((event) => Date.parse(event.recordedAt) <= Date.parse(cut.recordedAt))),
        );
        expect(ids(asOfCut)).toEqual(expect.arrayContaining([...ids(early.appended), cut.id]));
        expect(ids(asOfCut)).not.toContain(later.id);

        const beforeAnything = new Date(Date.parse(early.appended[0].recordedAt) - 1);
        expect(
          await store.readResidentHistory(resident.residentId, { until: beforeAnything }),
        ).toEqual([]);
      });
    });

    it('never records a time before one it has recorded, even when the clock goes back', async () => {
      const resident = newResident();
      const [first] = (
        await store.append(resident.stream('intake'), resident.events(1), 'no-stream')
      ).appended;
      // Only Date is faked: the drivers' timers and I/O run as usual.
      jest.useFakeTimers({
        now: Date.parse(first.recordedAt) - 60_000,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      try {
        const [sameStream] = (await store.append(resident.stream('intake'), resident.events(1), 0))
          .appended;
        const other = newResident();
        const [otherStream] = (
          await store.append(other.stream('intake'), other.events(1), 'no-stream')
        ).appended;
        expect(sameStream.recordedAt >= first.recordedAt).toBe(true);
        expect(otherStream.recordedAt >= sameStream.recordedAt).toBe(true);
      } finally {
        jest.useRealTimers();
      }
    });

    describe('chain verification', () => {
      async function streamOfFive(
        resident: TestResident,
      ): Promise<{ stream: StreamName; stored: StoredEvent[] }> {
        const stream = resident.stream('intake');
        await store.append(stream, resident.events(3), 'no-stream');
        await store.append(stream, resident.events(2), 2);
        return { stream, stored: await store.readStream(stream) };
      }

      it('finds untouched streams intact', async () => {
        const resident = newResident();
        const { stream } = await streamOfFive(resident);
        await store.append(resident.stream('eligibility'), resident.events(2), 'no-stream');

        expect(await store.verifyStream(stream)).toEqual({
          ok: true,
          streamName: stream,
          eventsChecked: 5,
        });
        const perStream = await store.verifyResident(resident.residentId);
        expect(perStream.every((verification) => verification.ok)).toBe(true);
        expect(
          perStream
            .filter((v) => v.ok && v.eventsChecked > 0)
            .map((v) => v.streamName)
            .sort(),
        ).toEqual([resident.stream('eligibility'), stream].sort());
        expect(await store.verifyStream(newResident().stream('intake'))).toMatchObject({
          ok: true,
          eventsChecked: 0,
        });
      });

      it('catches an event modified in place', async () => {
        const resident = newResident();
        const { stream, stored } = await streamOfFive(resident);
        await h.tamper.modifyEventData(stream, 2, { sequence: 2, penghasilan: 250_000 });

        expect(await store.verifyStream(stream)).toMatchObject({
          ok: false,
          streamName: stream,
          streamVersion: 2,
          eventId: stored[2].id,
          problem: 'content-altered',
        });
      });

      it('catches an event deleted from the middle of a stream', async () => {
        const resident = newResident();
        const { stream } = await streamOfFive(resident);
        await h.tamper.deleteEvent(stream, 2);

        const verification = await store.verifyStream(stream);
        expect(verification).toMatchObject({ ok: false, streamName: stream, streamVersion: 2 });
        expect(['missing-event', 'broken-link']).toContain(
          !verification.ok && verification.problem,
        );
      });

      it('catches the last event deleted', async () => {
        const resident = newResident();
        const { stream } = await streamOfFive(resident);
        await h.tamper.deleteEvent(stream, 4);

        expect(await store.verifyStream(stream)).toMatchObject({
          ok: false,
          streamName: stream,
          streamVersion: 4,
          problem: 'truncated',
        });
      });

      it("names the altered stream among the resident's streams and finds the others intact", async () => {
        const resident = newResident();
        const { stream } = await streamOfFive(resident);
        await store.append(resident.stream('referral'), resident.events(2), 'no-stream');
        await h.tamper.modifyEventData(resident.stream('referral'), 0, { sequence: 99 });

        const perStream = await store.verifyResident(resident.residentId);
        expect(perStream.find((v) => v.streamName === stream)).toMatchObject({
          ok: true,
          eventsChecked: 5,
        });
        expect(perStream.find((v) => v.streamName === resident.stream('referral'))).toMatchObject({
          ok: false,
          streamVersion: 0,
          problem: 'content-altered',
        });
      });
    });

    describe('stored form', () => {
      it('keeps data and metadata exactly as appended, through every way of reading', async () => {
        const resident = newResident();
        const stream = resident.stream('eligibility');
        const full = resident.event(
          'EligibilityDetermined',
          {
            programme: 'PKH',
            kelurahan: 'Kandangsapi',
            note: 'Bantuan sekolah — Rp 1.500.000 ✓',
            desil: 2,
            score: 0.1,
            largeAmount: 9_007_199_254_740_991,
            approved: true,
            reviewer: null,
            reasons: [
              { rule: 'desil<=4', passed: true },
              { rule: 'ktp-domicile', passed: true },
            ],
            empty: {},
          },
          {
            caseId: 'case-2025-0042',
            causationId: resident.event('CaseSubmitted').id,
            actor: 'service:eligibility',
            occurredAt: '2025-03-14T08:30:12.345Z',
          },
        );
        const minimal = resident.event('ResidentNotified'); // no caseId, no causationId: they stay absent
        await store.append(stream, [full, minimal], 'no-stream');

        const delivered: StoredEvent[] = [];
        const subscription = store.subscribe(subscriberName('round-trip'), async (event) => {
          if (event.metadata.residentId === resident.residentId) delivered.push(event);
        });
        await subscription.caughtUp;
        await subscription.stop();

        const readings = {
          readStream: await store.readStream(stream),
          readAll: await readAllOf([resident.residentId]),
          readResidentHistory: await store.readResidentHistory(resident.residentId),
          subscription: delivered,
        };
        for (const [way, events] of Object.entries(readings)) {
          const asAppended = events.map(({ id, type, schemaVersion, data, metadata }) => ({
            id,
            type,
            schemaVersion,
            data,
            metadata,
          }));
          expect({ way, events: asAppended }).toStrictEqual({ way, events: [full, minimal] });
          expect({ way, streams: events.map((event) => event.streamName) }).toEqual({
            way,
            streams: [stream, stream],
          });
        }
        expect(readings.readAll).toStrictEqual(readings.readStream);
        expect(readings.subscription).toStrictEqual(readings.readStream);
      });

      it('chains each stream: prevHash is the previous hash, each hash covers the stored event', async () => {
        const resident = newResident();
        const stream = resident.stream('referral');
        await store.append(stream, resident.events(2), 'no-stream');
        await store.append(resident.stream('intake'), resident.events(1), 'no-stream');
        await store.append(stream, resident.events(2), 1);

        const events = await store.readStream(stream);
        expect(events.map((event) => event.prevHash)).toEqual([
          GENESIS_HASH,
          ...events.slice(0, -1).map((e) => e.hash),
        ]);
        for (const event of events) {
          expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(eventHash(event)).toBe(event.hash);
          expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
        }
      });
    });

    describe('invalid events', () => {
      /** An event as a careless caller might build it, before the types could stop them. */
      type LooseEvent = { [field: string]: unknown; metadata: Record<string, unknown> };
      const breakages: [string, (event: LooseEvent) => void][] = [
        ['no id', (event) => delete event['id']],
        ['an id that is not a UUID', (event) => (event['id'] = 'event-1')],
        ['no type', (event) => delete event['type']],
        ['an empty type', (event) => (event['type'] = '')],
        ['schemaVersion 0', (event) => (event['schemaVersion'] = 0)],
        ['no data', (event) => delete event['data']],
        ['data that is not an object', (event) => (event['data'] = ['PKH'])],
        ['no metadata', (event) => delete (event as Partial<LooseEvent>).metadata],
        ['no metadata.residentId', (event) => delete event.metadata['residentId']],
        [
          'another resident in metadata.residentId',
          (event) => (event.metadata['residentId'] = 'someone-else'),
        ],
        ['no metadata.correlationId', (event) => delete event.metadata['correlationId']],
        ['no metadata.actor', (event) => delete event.metadata['actor']],
        ['no metadata.occurredAt', (event) => delete event.metadata['occurredAt']],
        [
          'an occurredAt that is not an instant',
          (event) => (event.metadata['occurredAt'] = 'kemarin sore'),
        ],
        ['an empty causationId', (event) => (event.metadata['causationId'] = '')],
      ];

      it.each(breakages)(
        'refuses an event with %s, storing nothing of its batch',
        async (_, breakIt) => {
          const resident = newResident();
          const stream = resident.stream('intake');
          await store.append(stream, resident.events(1), 'no-stream');
          const [valid, broken] = resident.events(2);
          breakIt(broken as unknown as LooseEvent);

          await expect(store.append(stream, [valid, broken], 0)).rejects.toBeInstanceOf(
            InvalidEventError,
          );
          expect(await store.readStream(stream)).toHaveLength(1);
        },
      );

      it('refuses an empty batch, a batch naming one id twice and an empty stream name', async () => {
        const resident = newResident();
        const stream = resident.stream('intake');
        const event = resident.event('ResidentRegistered');
        await expect(store.append(stream, [], 'any')).rejects.toBeInstanceOf(InvalidEventError);
        await expect(
          store.append(stream, [event, { ...event }], 'no-stream'),
        ).rejects.toBeInstanceOf(InvalidEventError);
        await expect(store.append('', [event], 'any')).rejects.toBeInstanceOf(InvalidEventError);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });
  });
}
