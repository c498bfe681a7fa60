/**
 * The contract suite on a real PostgreSQL server, then what only this adapter has to prove:
 * gap-safe global reads next to transactions that commit late, appends sent together, and
 * wake-ups across instances through LISTEN/NOTIFY.
 */
import {
  scratchPostgresDatabase,
  withPostgresClient as withClient,
  type ScratchDatabase,
} from '@lastri/testing';
import { Client } from 'pg';

import { canonicalJson, GENESIS_HASH } from '../../chain/hash-chain';
import {
  describeEventStoreContract,
  type ContractHarness,
} from '../../contract/event-store.contract';
import {
  deliveredAcrossInstances,
  ids,
  newResident,
  subscriberName,
  waitUntil,
} from '../../contract/fixtures';
import {
  InvalidEventError,
  PartialDuplicateBatchError,
  WrongExpectedVersionError,
} from '../../port/errors';
import type {
  AppendResult,
  EventStore,
  NewEvent,
  StoredEvent,
  StreamName,
} from '../../port/event-store';
import { START } from '../../port/event-store';
import { prepareNewEvents } from '../../port/validate-new-events';
import { appendQuery, chainOnto } from './postgres-appender';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';

/** One database for the contract suite: its tests never assume an empty store. */
let sharedDatabase: Promise<ScratchDatabase> | undefined;
const shared = () => (sharedDatabase ??= scratchPostgresDatabase('event_store'));
afterAll(async () => {
  await (await sharedDatabase)?.drop();
});

async function postgresHarness(
  options: PostgresEventStoreOptions = {},
  database?: ScratchDatabase,
): Promise<ContractHarness> {
  const { url } = database ?? (await shared());
  const opened: PostgresEventStore[] = [];
  const open = async () => {
    const store = await PostgresEventStore.connect(url, options);
    opened.push(store);
    return store;
  };

  /** Behind the store's back, as someone with database access would; exactly one row or the test is wrong. */
  const tamperWith = (sql: string, parameters: unknown[]) =>
    withClient(url, async (client) => {
      const { rowCount } = await client.query(sql, parameters);
      if (rowCount !== 1)
        throw new Error(`Tampering changed ${rowCount} rows instead of one: ${sql}`);
    });

  return {
    store: await open(),
    reopen: open,
    tamper: {
      modifyEventData: (stream, version, newData) =>
        tamperWith(
          'UPDATE lastri_events SET data = $3 WHERE stream_name = $1 AND stream_version = $2',
          [stream, version, JSON.stringify(newData)],
        ),
      deleteEvent: (stream, version) =>
        tamperWith('DELETE FROM lastri_events WHERE stream_name = $1 AND stream_version = $2', [
          stream,
          version,
        ]),
    },
    cleanup: async () => {
      await Promise.all(opened.map((store) => store.close()));
    },
  };
}

describeEventStoreContract('PostgreSQL (pg, scratch database)', () => postgresHarness());

describe('PostgresEventStore', () => {
  let database: ScratchDatabase;
  let harness: ContractHarness;
  let store: EventStore;
  let url: string;

  beforeEach(async () => {
    // A database of its own per test: its subscriptions start with nothing to catch up on.
    database = await scratchPostgresDatabase('event_store_pg');
    url = database.url;
    // A short wait for in-flight transactions, so that reads held back on purpose return quickly.
    harness = await postgresHarness({ inFlightWaitMs: 50, pollIntervalMs: 25 }, database);
    store = harness.store;
  });
  afterEach(async () => {
    await harness.cleanup();
    await database.drop();
  });

  /**
   * A writer that holds its transaction open: it appends through the store's own function
   * inside BEGIN and commits only when told. `takeTransactionIdFirst` makes it a writer that
   * started its transaction (and got its id) before doing the append, as a slow writer does.
   */
  async function openWriter(
    stream: StreamName,
    events: NewEvent[],
    { takeTransactionIdFirst }: { takeTransactionIdFirst: boolean },
  ) {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('BEGIN');
    if (takeTransactionIdFirst) await client.query('SELECT pg_current_xact_id()');
    return {
      append: async () => {
        const recordedAt = new Date().toISOString();
        const head = { version: -1, hash: GENESIS_HASH };
        const { rows } = await client.query(
          appendQuery(
            [
              {
                stream,
                expected: -1,
                head,
                events: chainOnto(stream, prepareNewEvents(stream, events), head, recordedAt),
              },
            ],
            recordedAt,
          ),
        );
        expect(rows).toMatchObject([{ outcome: 'appended' }]);
      },
      commit: async () => {
        await client.query('COMMIT');
        await client.end();
      },
      abandon: async () => {
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end();
      },
    };
  }

  describe('gap-safe global order', () => {
    it.each([
      ['appended first and commits late', false],
      ['took its transaction id first, appends after others committed, and commits late', true],
    ])(
      'does not read or deliver past a writer that %s, and delivers its events once it commits',
      async (_, takeTransactionIdFirst) => {
        const resident = newResident();
        const ours = (events: StoredEvent[]) =>
          events.filter((event) => event.metadata.residentId === resident.residentId);
        const before = resident.event('BeforeTheSlowWriter');
        const slow = resident.event('FromTheSlowWriter');
        const after = resident.event('CommittedWhileTheSlowWriterWasOpen');
        await store.append(resident.stream('intake'), [before], 'no-stream');

        const delivered: StoredEvent[] = [];
        const subscription = store.subscribe(subscriberName('gap'), async (event) => {
          delivered.push(event);
        });
        await subscription.caughtUp;

        const writer = await openWriter(resident.stream('eligibility'), [slow], {
          takeTransactionIdFirst,
        });
        try {
          if (!takeTransactionIdFirst) await writer.append();
          await store.append(resident.stream('referral'), [after], 'no-stream');
          if (takeTransactionIdFirst) await writer.append();

          // The later event is committed and visible to a stream read ...
          expect(ids(await store.readStream(resident.stream('referral')))).toEqual([after.id]);
          // ... but a global reader that took it now would have passed the slow writer's event for good.
          expect(ids(ours(await store.readAll(START)))).toEqual([before.id]);
          await new Promise((resolve) => setTimeout(resolve, 300)); // many poll intervals
          expect(ids(ours(delivered))).toEqual([before.id]);

          await writer.commit();
        } catch (error) {
          await writer.abandon();
          throw error;
        }

        await waitUntil('both held-back events are delivered', () => ours(delivered).length === 3);
        await subscription.stop();
        const log = ours(await store.readAll(START));
        expect(ids(log)).toEqual([before.id, slow.id, after.id]);
        expect(ids(ours(delivered))).toEqual(ids(log));
        const positions = log.map((event) => event.globalPosition);
        expect([...positions].sort()).toEqual(positions); // positions sort as text in delivery order
      },
    );

    it('is not held back by a long transaction in another database on the same server', async () => {
      const elsewhere = await scratchPostgresDatabase('event_store_elsewhere');
      const neighbour = new Client({ connectionString: elsewhere.url });
      await neighbour.connect();
      try {
        await neighbour.query('BEGIN');
        await neighbour.query('SELECT pg_current_xact_id()'); // older than anything appended below
        const resident = newResident();
        const event = resident.event('ResidentRegistered');
        await store.append(resident.stream('intake'), [event], 'no-stream');

        const all = await store.readAll(START);
        expect(
          ids(all.filter((stored) => stored.metadata.residentId === resident.residentId)),
        ).toEqual([event.id]);
      } finally {
        await neighbour.query('ROLLBACK').catch(() => undefined);
        await neighbour.end();
        await elsewhere.drop();
      }
    });

    it('keeps each stream in version order when instances race appends to the same streams', async () => {
      const other = await harness.reopen();
      const resident = newResident();
      const streams = [
        resident.stream('intake'),
        resident.stream('eligibility'),
        resident.stream('referral'),
      ];
      await Promise.all(
        [store, other].flatMap((writer) =>
          streams.map(async (stream) => {
            for (let round = 0; round < 15; round++)
              await writer.append(stream, resident.events(1 + (round % 3)), 'any');
          }),
        ),
      );

      const log = (await store.readAll(START)).filter(
        (event) => event.metadata.residentId === resident.residentId,
      );
      for (const stream of streams) {
        const versions = log
          .filter((event) => event.streamName === stream)
          .map((event) => event.streamVersion);
        expect(versions).toEqual(versions.map((_, index) => index));
      }
      for (const stream of streams)
        expect(await store.verifyStream(stream)).toMatchObject({ ok: true });
    });
  });

  describe('appends sent together', () => {
    it('gives each of many concurrent appends its own outcome', async () => {
      const residents = Array.from({ length: 40 }, () => newResident());
      await Promise.all(
        residents.map((resident) =>
          store.append(resident.stream('intake'), resident.events(2), 'no-stream'),
        ),
      );

      // Every other append names a stale version; they all go out while earlier ones are in flight.
      const outcomes = await Promise.allSettled(
        residents.map((resident, index) =>
          store.append(resident.stream('intake'), resident.events(1), index % 2 === 0 ? 1 : 0),
        ),
      );
      outcomes.forEach((outcome, index) => {
        if (index % 2 === 0)
          expect(outcome).toMatchObject({ status: 'fulfilled', value: { streamVersion: 2 } });
        else
          expect(outcome).toMatchObject({
            status: 'rejected',
            reason: expect.any(WrongExpectedVersionError),
          });
      });
      for (const [index, resident] of residents.entries()) {
        expect(await store.readStream(resident.stream('intake'))).toHaveLength(
          index % 2 === 0 ? 3 : 2,
        );
      }
    });

    it('answers every outcome within one call, from an instance that knows no stream heads', async () => {
      const residents = Array.from({ length: 8 }, () => newResident());
      const stored = residents.map((resident) => resident.events(2));
      await Promise.all(
        residents.map((resident, index) =>
          store.append(resident.stream('intake'), stored[index], 'no-stream'),
        ),
      );
      const fresh = newResident();
      const extra = residents.map((resident) => resident.events(2));

      // A second instance: every head it assumes is a guess, so some appends are refused as
      // stale and go again. Two appends first, so that the rest wait and go out in one call.
      const other = (await harness.reopen()) as PostgresEventStore;
      const calls: { name?: string; appends: number }[] = [];
      const pool = (other as unknown as { pool: { query: (config: unknown) => unknown } }).pool;
      const query = pool.query.bind(pool);
      pool.query = (config: unknown) => {
        const { name, values } = config as { name?: string; values?: unknown[] };
        const first = values?.[0];
        calls.push({ name, appends: Buffer.isBuffer(first) ? first.readInt32BE(12) : 1 });
        return query(config);
      };
      const [r0, r1, r2, r3, r4, r5, r6, r7] = residents;
      const outcomes = await Promise.allSettled([
        other.append(r6.stream('referral'), r6.events(1), 'no-stream'),
        other.append(r7.stream('referral'), r7.events(1), 'no-stream'),
        other.append(r0.stream('intake'), stored[0], 'any'), // every id stored
        other.append(r1.stream('intake'), [stored[1][1], extra[1][0]], 'any'), // one id stored
        other.append(r2.stream('intake'), extra[2], 0), // the stream is at 1
        other.append(r3.stream('intake'), extra[3], 1), // right, but the head hash is unknown
        other.append(r4.stream('intake'), extra[4], 'no-stream'), // the stream exists
        other.append(r5.stream('intake'), extra[5], 'any'), // head unknown: -1 assumed, wrong
        other.append(fresh.stream('intake'), fresh.events(3), 'no-stream'),
        other.append(r6.stream('intake'), [...stored[6], ...extra[6]], 1), // stored ids and new ones
      ]);

      expect(calls.some((call) => call.name === 'lastri_append' && call.appends >= 8)).toBe(true);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'rejected',
      ]);
      const value = (index: number) =>
        (outcomes[index] as PromiseFulfilledResult<AppendResult>).value;
      const reason = (index: number) =>
        (outcomes[index] as PromiseRejectedResult).reason as unknown;
      expect(value(2)).toEqual({ streamVersion: 1, appended: [], alreadyAppended: true });
      expect(reason(3)).toBeInstanceOf(PartialDuplicateBatchError);
      expect((reason(3) as PartialDuplicateBatchError).duplicateIds).toEqual([stored[1][1].id]);
      expect(reason(4)).toBeInstanceOf(WrongExpectedVersionError);
      expect((reason(4) as WrongExpectedVersionError).actual).toBe(1);
      expect(value(5)).toMatchObject({ streamVersion: 3, alreadyAppended: false });
      expect(reason(6)).toBeInstanceOf(WrongExpectedVersionError);
      expect((reason(6) as WrongExpectedVersionError).actual).toBe(1);
      expect(value(7)).toMatchObject({ streamVersion: 3, alreadyAppended: false });
      expect(value(8)).toMatchObject({ streamVersion: 2, alreadyAppended: false });
      expect(reason(9)).toBeInstanceOf(PartialDuplicateBatchError);

      for (const [index, resident] of residents.entries()) {
        const grew = index === 3 || index === 5;
        expect(ids(await store.readStream(resident.stream('intake')))).toEqual(
          ids(grew ? [...stored[index], ...extra[index]] : stored[index]),
        );
        expect(await store.verifyStream(resident.stream('intake'))).toMatchObject({ ok: true });
      }
      expect(await store.readStream(fresh.stream('intake'))).toHaveLength(3);
      const appended = value(5).appended.map((event) => event.globalPosition);
      expect([...appended].sort()).toEqual(appended);
    });

    it('keeps data and metadata as the canonical text it hashed, \\u0000 escapes included', async () => {
      const resident = newResident();
      const event = resident.event('NoteTaken', { note: 'nul \u0000 inside', b: 1, a: [2] });
      const [stored] = (await store.append(resident.stream('intake'), [event], 'no-stream'))
        .appended;
      const rows = await withClient(url, (client) =>
        client.query<{ data: string; metadata: string }>(
          'SELECT data::text AS data, metadata::text AS metadata FROM lastri_events WHERE id = $1',
          [stored.id],
        ),
      );
      expect(rows.rows).toEqual([
        { data: canonicalJson(stored.data), metadata: canonicalJson(stored.metadata) },
      ]);
      expect((await store.readStream(resident.stream('intake')))[0].data).toEqual(stored.data);
      expect(await store.verifyStream(resident.stream('intake'))).toMatchObject({ ok: true });
    });

    it('fails only the append PostgreSQL cannot store, not the ones sent with it', async () => {
      const residents = Array.from({ length: 12 }, () => newResident());
      // Text cannot hold the character NUL; the gate lets it through in a type.
      const unstorable = residents[5].event('Note\u0000Taken', { note: 'fine' });
      const outcomes = await Promise.allSettled(
        residents.map((resident, index) =>
          store.append(
            resident.stream('intake'),
            index === 5 ? [unstorable] : resident.events(1),
            'no-stream',
          ),
        ),
      );

      outcomes.forEach((outcome, index) => {
        if (index === 5)
          expect(outcome).toMatchObject({
            status: 'rejected',
            reason: expect.any(InvalidEventError),
          });
        else expect(outcome).toMatchObject({ status: 'fulfilled', value: { streamVersion: 0 } });
      });
      expect(await store.readStream(residents[5].stream('intake'))).toEqual([]);
    });
  });

  it("wakes another instance's subscription through LISTEN/NOTIFY, long before its next poll", async () => {
    const listening = await PostgresEventStore.connect(url, { pollIntervalMs: 600_000 });
    try {
      // 200 ms for the listener connection to come up.
      const { delivered, appended } = await deliveredAcrossInstances(store, listening, {
        settleMs: 200,
        deadlineMs: 10_000,
      });
      expect(delivered).toEqual([appended]);
    } finally {
      await listening.close();
    }
  });

  it('delivers every event of a burst from another instance without waiting for the poll', async () => {
    // Announcements arrive while the subscription is reading; none of them may be dropped. With
    // no poll to fall back on, an event whose announcement was lost would never arrive.
    const listening = await PostgresEventStore.connect(url, { pollIntervalMs: 600_000 });
    const appended: string[] = [];
    const delivered: string[] = [];
    const subscription = listening.subscribe(subscriberName('burst'), async (event) => {
      delivered.push(event.id);
    });
    try {
      await subscription.caughtUp;
      for (let index = 0; index < 150; index++) {
        const resident = newResident();
        const event = resident.event('ResidentRegistered');
        await store.append(resident.stream('intake'), [event], 'no-stream');
        appended.push(event.id);
      }
      await waitUntil(
        'every appended event was delivered',
        () => delivered.length === appended.length,
        30_000,
      );
      expect(delivered).toEqual(appended);
    } finally {
      await subscription.stop();
      await listening.close();
    }
  });

  it('refuses a position that is not its own', async () => {
    await expect(store.readAll('42')).rejects.toThrow(RangeError);
  });
});

describe('PostgresEventStore connecting to a database of an earlier or no schema', () => {
  let fresh: ScratchDatabase;
  beforeEach(async () => {
    fresh = await scratchPostgresDatabase('event_store_schema');
  });
  afterEach(async () => {
    await fresh.drop();
  });

  it('creates its schema once when several instances connect to a new database at the same time', async () => {
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => PostgresEventStore.connect(fresh.url)),
    );
    const resident = newResident();
    await stores[0].append(resident.stream('intake'), resident.events(1), 'no-stream');
    expect(await stores[3].readStream(resident.stream('intake'))).toHaveLength(1);
    await Promise.all(stores.map((each) => each.close()));
    const tables = await withClient(fresh.url, (client) =>
      client.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'lastri\\_%' ORDER BY 1`,
      ),
    );
    expect(tables.rows.map((row) => row.name)).toEqual([
      'lastri_checkpoints',
      'lastri_events',
      'lastri_streams',
    ]);
  });

  it('replaces an append function of an older signature when it connects', async () => {
    await withClient(fresh.url, (client) =>
      client.query(
        `CREATE FUNCTION lastri_append(p_appends jsonb, p_genesis_hash text) RETURNS void
         LANGUAGE sql AS 'SELECT NULL'`,
      ),
    );
    const upgraded = await PostgresEventStore.connect(fresh.url);
    try {
      const resident = newResident();
      await upgraded.append(resident.stream('intake'), resident.events(1), 'no-stream');
      await Promise.all([
        upgraded.append(resident.stream('eligibility'), resident.events(2), 'no-stream'),
        upgraded.append(resident.stream('referral'), resident.events(1), 'no-stream'),
        upgraded.append(resident.stream('notification'), resident.events(1), 'no-stream'),
      ]);
      expect(await upgraded.readResidentHistory(resident.residentId)).toHaveLength(5);
    } finally {
      await upgraded.close();
    }
    const functions = await withClient(fresh.url, (client) =>
      client.query<{ signature: string }>(
        `SELECT oid::regprocedure::text AS signature FROM pg_proc
          WHERE proname LIKE 'lastri\\_append%' ORDER BY 1`,
      ),
    );
    expect(functions.rows.map((row) => row.signature)).toEqual([
      'lastri_append(text[],bigint[],bigint[],text[],integer[],timestamp with time zone,uuid[],text[],integer[],json[],json[],text[],text)',
      'lastri_append_one(text,bigint,bigint,text,timestamp with time zone,uuid[],text[],integer[],json[],json[],text[],text)',
      'lastri_append_outcome(integer,text,bigint,uuid[],text)',
    ]);
  });

  it('drops the resident column and index of an older schema when it connects', async () => {
    await (await PostgresEventStore.connect(fresh.url)).close();
    await withClient(fresh.url, (client) =>
      client.query(
        `ALTER TABLE lastri_events ADD COLUMN resident_id text COLLATE "C";
         CREATE INDEX lastri_events_resident ON lastri_events (resident_id);`,
      ),
    );
    const upgraded = await PostgresEventStore.connect(fresh.url);
    try {
      const resident = newResident();
      await upgraded.append(resident.stream('intake'), resident.events(2), 'no-stream');
      expect(await upgraded.readResidentHistory(resident.residentId)).toHaveLength(2);
    } finally {
      await upgraded.close();
    }
    const leftovers = await withClient(fresh.url, (client) =>
      client.query(
        `SELECT attname AS name FROM pg_attribute
          WHERE attrelid = 'lastri_events'::regclass AND attname = 'resident_id' AND NOT attisdropped
         UNION ALL
         SELECT indexname FROM pg_indexes WHERE indexname = 'lastri_events_resident'`,
      ),
    );
    expect(leftovers.rows).toEqual([]);
  });
});
