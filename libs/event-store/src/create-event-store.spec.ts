import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { newResident } from './contract/fixtures';
import { createEventStore, parseEventStoreUrl } from './create-event-store';

describe('EVENT_STORE_URL', () => {
  it.each([
    ['sqlite:./data/lastri.db', { adapter: 'sqlite', file: './data/lastri.db' }],
    ['sqlite:/var/lib/lastri/events.db', { adapter: 'sqlite', file: '/var/lib/lastri/events.db' }],
    [
      'sqlite:///var/lib/lastri/events.db',
      { adapter: 'sqlite', file: '/var/lib/lastri/events.db' },
    ],
    ['sqlite::memory:', { adapter: 'sqlite', file: ':memory:' }],
    ['postgres://lastri:secret@localhost:5432/lastri', { adapter: 'postgres' }],
    ['postgresql:///lastri?host=/run/postgresql', { adapter: 'postgres' }],
    ['kurrentdb://localhost:2113?tls=false', { adapter: 'kurrentdb' }],
    ['esdb://admin:changeit@localhost:2113', { adapter: 'kurrentdb' }],
    ['kurrentdb+discover://node1:2113,node2:2113', { adapter: 'kurrentdb' }],
  ])('%s chooses the store %j', (url, expected) => {
    expect(parseEventStoreUrl(url)).toMatchObject(expected);
  });

  it.each([
    ['an empty value', ''],
    ['an unknown scheme', 'mysql://root:s3cret@db.dinsos.local/lastri'],
    ['no scheme at all', './data/lastri.db'],
    ['a SQLite URL without a file', 'sqlite:'],
    ['a server URL without //', 'postgres:localhost'],
  ])('refuses %s, naming EVENT_STORE_URL and every accepted form', (_, url) => {
    expect(() => parseEventStoreUrl(url)).toThrow(/EVENT_STORE_URL/);
    for (const form of [
      'sqlite:<path>',
      'postgres://',
      'postgresql://',
      'kurrentdb://',
      'esdb://',
    ]) {
      expect(() => parseEventStoreUrl(url)).toThrow(form);
    }
  });

  it('does not repeat a refused URL, which may hold a password', () => {
    const refusal = (() => {
      try {
        parseEventStoreUrl('mysql://root:s3cret@db.dinsos.local/lastri');
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    })();
    expect(refusal).toContain('"mysql:"');
    expect(refusal).not.toContain('s3cret');
  });

  it('opens a SQLite store, creating its directory', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'lastri-factory-'));
    try {
      const store = await createEventStore(`sqlite:${path.join(directory, 'data', 'lastri.db')}`);
      const resident = newResident();
      await store.append(resident.stream('intake'), resident.events(1), 'no-stream');
      expect(await store.readStream(resident.stream('intake'))).toHaveLength(1);
      await store.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('rejects an unknown URL before touching anything', async () => {
    await expect(createEventStore('redis://localhost:6379')).rejects.toThrow(
      'EVENT_STORE_URL has the unknown scheme "redis:"',
    );
  });
});
