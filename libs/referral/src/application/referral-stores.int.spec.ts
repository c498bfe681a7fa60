/**
 * Referral on the event stores that run here, with two processes' worth of store connections on
 * one database: SQLite in a file (the embedded default) and PostgreSQL on the test server.
 * Duplicate delivery to two replicas at once, two schedulers racing on one deadline, a restart.
 */
import type { ReferralCreatedV1Data, ReferralEscalatedV1Data } from '@lastri/contracts';
import { createEventStore, type EventStore } from '@lastri/event-store';
import { newId } from '@lastri/kernel';
import { scratchPostgresDatabase } from '@lastri/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ReferralWorld, TestClock } from '../testing/referral-world';

interface OpenStores {
  /** A new connection to the same database: another replica, or the process after a restart. */
  connect(): Promise<EventStore>;
  dispose(): Promise<void>;
}

const STORES: [string, () => Promise<OpenStores>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'lastri-referral-'));
      const opened: EventStore[] = [];
      return {
        connect: async () => {
          const store = await createEventStore(`sqlite:${path.join(dir, 'referral.sqlite')}`);
          opened.push(store);
          return store;
        },
        dispose: async () => {
          await Promise.all(opened.map((store) => store.close()));
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await scratchPostgresDatabase('referral');
      const opened: EventStore[] = [];
      return {
        connect: async () => {
          const store = await createEventStore(database.url);
          opened.push(store);
          return store;
        },
        dispose: async () => {
          await Promise.all(opened.map((store) => store.close()));
          await database.drop();
        },
      };
    },
  ],
];

describe.each(STORES)('referral on the %s event store', (_name, openStores) => {
  jest.setTimeout(120_000);
  let stores: OpenStores;
  let clock: TestClock;
  let first: ReferralWorld;
  let second: ReferralWorld;

  beforeAll(async () => {
    stores = await openStores();
    clock = new TestClock(new Date('2025-12-23T02:00:00.000Z'));
    first = new ReferralWorld(await stores.connect(), clock);
    second = new ReferralWorld(await stores.connect(), clock);
  });
  afterAll(() => stores?.dispose());

  it('two replicas handed the same determination at once create one referral per programme', async () => {
    const residentId = newId();
    const determined = await first.determine(residentId, [['PIP', 'ELIGIBLE'], ['PBI_JK', 'ELIGIBLE']]);

    await Promise.all([first.refer.determined(determined), second.refer.determined(determined), first.refer.determined(determined), second.refer.determined(determined)]);

    const created = (await first.referralEvents(residentId)).filter((event) => event.type === 'ReferralCreated');
    expect(created.map((event) => (event.data as ReferralCreatedV1Data).programme).sort()).toEqual(['PBI_JK', 'PIP']);
  });

  it('two schedulers racing on a missed deadline store one escalation, and a restarted one adds none', async () => {
    const residentId = newId();
    clock.set('2025-12-23T02:00:00.000Z');
    await first.refer.determined(await first.determine(residentId, [['KERJA', 'ELIGIBLE']]));
    clock.set('2025-12-29T17:00:00.000Z');

    const outcomes = await Promise.all([first.replica().escalate.check(), second.replica().escalate.check(), second.escalate.check()]);
    const restarted = new ReferralWorld(await stores.connect(), clock);
    const afterRestart = await restarted.escalate.check();

    const escalations = (await first.referralEvents(residentId))
      .filter((event) => event.type === 'ReferralEscalated')
      .map((event) => (event.data as ReferralEscalatedV1Data).deadline);
    expect(escalations).toEqual(['ACKNOWLEDGE']);
    expect(outcomes.flat().filter((event) => event.metadata.residentId === residentId)).toHaveLength(1);
    expect(afterRestart.filter((event) => event.metadata.residentId === residentId)).toEqual([]);
  });
});
