import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import {
  describeEventStoreContract,
  type ContractHarness,
} from '../../contract/event-store.contract';
import { ids, newResident, subscriberName, waitUntil } from '../../contract/fixtures';
import { PartialDuplicateBatchError, WrongExpectedVersionError } from '../../port/errors';
import type { StoredEvent } from '../../port/event-store';
import type { AppendRaceOrders, AppendRaceReport } from './sqlite-append-race.worker';
import { SqliteEventStore } from './sqlite-event-store';

/** Short, so that events another instance appended reach subscriptions without slowing the suite. */
const POLL_INTERVAL_MS = 25;

function scratchDirectory(): { directory: string; remove(): void } {
  const directory = mkdtempSync(path.join(tmpdir(), 'lastri-sqlite-'));
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

async function sqliteHarness(): Promise<ContractHarness> {
  const scratch = scratchDirectory();
  const file = path.join(scratch.directory, 'events.db');
  const opened: SqliteEventStore[] = [];
  const open = async () => {
    const store = await SqliteEventStore.open(file, { pollIntervalMs: POLL_INTERVAL_MS });
    opened.push(store);
    return store;
  };

  /** Behind the store's back, as an attacker with the file would; exactly one row or the test is wrong. */
  function tamperWith(sql: string, ...parameters: unknown[]): Promise<void> {
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 10000');
      const { changes } = db.prepare(sql).run(...parameters);
      if (changes !== 1)
        throw new Error(`Tampering changed ${changes} rows instead of one: ${sql}`);
    } finally {
      db.close();
    }
    return Promise.resolve();
  }

  return {
    store: await open(),
    reopen: open,
    tamper: {
      modifyEventData: (stream, version, newData) =>
        tamperWith(
          'UPDATE events SET data = ? WHERE stream_name = ? AND stream_version = ?',
          JSON.stringify(newData),
          stream,
          version,
        ),
      deleteEvent: (stream, version) =>
        tamperWith(
          'DELETE FROM events WHERE stream_name = ? AND stream_version = ?',
          stream,
          version,
        ),
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      scratch.remove();
    },
  };
}

describeEventStoreContract('SQLite (better-sqlite3, temporary file)', sqliteHarness);

describe('SqliteEventStore', () => {
  let scratch: ReturnType<typeof scratchDirectory>;
  beforeEach(() => {
    scratch = scratchDirectory();
  });
  afterEach(() => scratch.remove());

  it('opens a store in a directory that does not exist yet, and finds its events again after a restart', async () => {
    const file = path.join(scratch.directory, 'data', 'nested', 'lastri.db');
    const resident = newResident();
    const first = await SqliteEventStore.open(file);
    await first.append(resident.stream('intake'), resident.events(2), 'no-stream');
    await first.close();

    const restarted = await SqliteEventStore.open(file);
    expect(await restarted.readStream(resident.stream('intake'))).toHaveLength(2);
    await restarted.close();
  });

  it('keeps a private store in memory', async () => {
    const store = await SqliteEventStore.open(':memory:');
    const resident = newResident();
    await store.append(resident.stream('referral'), resident.events(3), 'no-stream');
    expect(await store.verifyStream(resident.stream('referral'))).toMatchObject({
      ok: true,
      eventsChecked: 3,
    });
    await store.close();
  });

  it('gives positions whose text order is the global order, and refuses a position it did not give', async () => {
    const store = await SqliteEventStore.open(':memory:');
    const resident = newResident();
    for (let batch = 0; batch < 12; batch++) {
      await store.append(
        resident.stream('intake'),
        resident.events(1),
        batch === 0 ? 'no-stream' : batch - 1,
      );
    }
    const positions = (await store.readAll()).map((event) => event.globalPosition);
    expect([...positions].sort()).toEqual(positions);
    await expect(store.readAll('00000000000000000745:00000000000000001203')).rejects.toThrow(
      RangeError,
    );
    await store.close();
  });

  it('sees what another connection appended since, though it remembers the heads it wrote', async () => {
    const file = path.join(scratch.directory, 'two.db');
    const [one, other] = [await SqliteEventStore.open(file), await SqliteEventStore.open(file)];
    try {
      const resident = newResident();
      const stream = resident.stream('intake');
      await one.append(stream, resident.events(1), 'no-stream');
      await one.append(stream, resident.events(1), 0);
      const [theirs] = (await other.append(stream, resident.events(1), 1)).appended;

      await expect(one.append(stream, resident.events(1), 1)).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      const [mine] = (await one.append(stream, resident.events(1), 2)).appended;
      expect(mine).toMatchObject({ streamVersion: 3, prevHash: theirs.hash });
      expect(await other.readStream(stream)).toEqual(await one.readStream(stream));

      // Another connection rewinding the stream behind its back: a tamperer, or a restore.
      const db = new Database(file);
      db.prepare('DELETE FROM events WHERE stream_name = ? AND stream_version = 3').run(stream);
      db.prepare('UPDATE streams SET version = 2, head_hash = ? WHERE name = ?').run(
        theirs.hash,
        stream,
      );
      db.close();
      const [again] = (await one.append(stream, resident.events(1), 2)).appended;
      expect(again).toMatchObject({ streamVersion: 3, prevHash: theirs.hash });
      expect(await one.verifyStream(stream)).toMatchObject({ ok: true, eventsChecked: 4 });
    } finally {
      await one.close();
      await other.close();
    }
  });

  it('appends a batch larger than one INSERT takes, in order, or nothing of it', async () => {
    const store = await SqliteEventStore.open(':memory:');
    const resident = newResident();
    const stream = resident.stream('referral');
    const batch = resident.events(75);
    const result = await store.append(stream, batch, 'no-stream');
    const read = await store.readStream(stream);
    expect(ids(read)).toEqual(ids(batch));
    expect(result.appended).toEqual(read);
    expect(new Set(read.map((event) => event.recordedAt)).size).toBe(1);
    expect([...read.map((event) => event.globalPosition)].sort()).toEqual(
      read.map((event) => event.globalPosition),
    );

    // An event already stored far into the next batch: the INSERTs before it are undone.
    const next = [...resident.events(40), batch[74], ...resident.events(5)];
    await expect(store.append(stream, next, 74)).rejects.toMatchObject({
      constructor: PartialDuplicateBatchError,
      duplicateIds: [batch[74].id],
    });
    expect(await store.readStream(stream)).toHaveLength(75);
    expect(await store.append(stream, batch, 74)).toEqual({
      streamVersion: 74,
      appended: [],
      alreadyAppended: true,
    });
    expect(await store.verifyStream(stream)).toMatchObject({ ok: true, eventsChecked: 75 });
    await store.close();
  });

  it('stops its running subscriptions when it closes', async () => {
    const store = await SqliteEventStore.open(':memory:');
    const subscription = store.subscribe(subscriberName('closing'), async () => undefined);
    await subscription.caughtUp;
    await store.close();
    await expect(subscription.stopped).resolves.toBeUndefined();
  });

  it('with writers on separate threads racing on one stream, loses no append and keeps one unbroken chain, while a subscriber follows', async () => {
    const file = path.join(scratch.directory, 'race.db');
    const resident = newResident();
    const stream = resident.stream('eligibility');
    const observer = await SqliteEventStore.open(file, { pollIntervalMs: POLL_INTERVAL_MS });
    const delivered: StoredEvent[] = [];
    const subscription = observer.subscribe(subscriberName('race'), async (event) => {
      delivered.push(event);
    });
    const workers: Worker[] = [];
    try {
      const writers = ['a', 'b', 'c', 'd'];
      const appendsPerWriter = 150;
      const startGate = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
      const reports = await Promise.all(
        writers.map((writer) =>
          runRaceWorker(workers, {
            file,
            stream,
            residentId: resident.residentId,
            writer,
            appends: appendsPerWriter,
            startGate,
            writers: writers.length,
          }),
        ),
      );
      // Writers that never collided would have proved nothing about racing.
      expect(reports.reduce((sum, report) => sum + report.conflicts, 0)).toBeGreaterThan(0);

      const total = writers.length * appendsPerWriter;
      const stored = await observer.readStream(stream);
      expect(stored.map((event) => event.streamVersion)).toEqual([...Array(total).keys()]);
      expect(new Set(ids(stored))).toEqual(
        new Set(reports.flatMap((report) => report.appendedIds)),
      );
      expect(await observer.verifyStream(stream)).toEqual({
        ok: true,
        streamName: stream,
        eventsChecked: total,
      });

      await waitUntil('the subscriber saw every appended event', () => delivered.length >= total);
      expect(ids(delivered)).toEqual(ids(stored));
    } finally {
      // A failed writer must not leave the others, or the subscription, keeping jest alive.
      await Promise.all(workers.map((worker) => worker.terminate()));
      await subscription.stop();
      await observer.close();
    }
  }, 120_000);
});

/** Runs sqlite-append-race.worker.ts on its own thread; TypeScript is compiled there by @swc-node/register. */
function runRaceWorker(running: Worker[], orders: AppendRaceOrders): Promise<AppendRaceReport> {
  const workerFile = path.join(__dirname, 'sqlite-append-race.worker.ts');
  const bootstrap = `require('@swc-node/register'); require(${JSON.stringify(workerFile)});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: orders });
    running.push(worker);
    let report: AppendRaceReport | undefined;
    worker.once('message', (message: AppendRaceReport) => (report = message));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      report
        ? resolve(report)
        : reject(new Error(`Race worker ${orders.writer} exited with code ${code} and no report.`)),
    );
  });
}
