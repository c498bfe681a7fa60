/**
 * Opens the event store that EVENT_STORE_URL names (docs/architecture.md, Event store). Adapters
 * are loaded only when chosen: the embedded default never loads `pg` or the KurrentDB client.
 */
import type { EventStore } from './port/event-store';

export const ACCEPTED_EVENT_STORE_URLS =
  'sqlite:<path> (e.g. sqlite:./data/lastri.db), postgres://… or postgresql://…, kurrentdb://… or esdb://…';

export type EventStoreLocation =
  | { adapter: 'sqlite'; file: string }
  | { adapter: 'postgres'; url: string }
  | { adapter: 'kurrentdb'; url: string };

interface ConnectableStore {
  connect(url: string): Promise<EventStore>;
}

/** Module path and export of the server adapters, loaded by a path held in a variable. */
const SERVER_ADAPTERS = {
  postgres: {
    modulePath: './adapters/postgres/postgres-event-store',
    exportName: 'PostgresEventStore',
  },
  kurrentdb: {
    modulePath: './adapters/kurrentdb/kurrentdb-event-store',
    exportName: 'KurrentDbEventStore',
  },
} as const;

export async function createEventStore(url: string): Promise<EventStore> {
  const location = parseEventStoreUrl(url);
  if (location.adapter === 'sqlite') {
    const { SqliteEventStore } = await import('./adapters/sqlite/sqlite-event-store');
    return SqliteEventStore.open(location.file);
  }
  const adapter = await loadServerAdapter(location.adapter);
  return adapter.connect(location.url);
}

/** Which adapter a URL names, or an error naming EVENT_STORE_URL and the forms it accepts. */
export function parseEventStoreUrl(url: string): EventStoreLocation {
  const value = typeof url === 'string' ? url.trim() : '';
  if (value === '') {
    throw new Error(`EVENT_STORE_URL is empty. Accepted forms: ${ACCEPTED_EVENT_STORE_URLS}.`);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1].toLowerCase();
  switch (scheme) {
    case 'sqlite':
      return { adapter: 'sqlite', file: sqliteFile(value) };
    case 'postgres':
    case 'postgresql':
      return { adapter: 'postgres', url: serverUrl(value, scheme) };
    case 'kurrentdb':
    case 'esdb':
    case 'kurrentdb+discover':
    case 'esdb+discover':
      return { adapter: 'kurrentdb', url: serverUrl(value, scheme) };
    default:
      // Only the scheme is echoed: the rest of a URL may hold a password.
      throw new Error(
        `EVENT_STORE_URL ${scheme ? `has the unknown scheme "${scheme}:"` : 'has no scheme'}. ` +
          `Accepted forms: ${ACCEPTED_EVENT_STORE_URLS}.`,
      );
  }
}

/** `sqlite:./data/lastri.db`, `sqlite:/var/lib/lastri.db`, `sqlite:///var/lib/lastri.db`, `sqlite::memory:`. */
function sqliteFile(url: string): string {
  const rest = url.slice('sqlite:'.length);
  const file = rest.startsWith('//') ? rest.slice(2) : rest;
  if (file === '' || file === '/') {
    throw new Error(
      `EVENT_STORE_URL "${url}" names no SQLite file. Accepted forms: ${ACCEPTED_EVENT_STORE_URLS}.`,
    );
  }
  return file;
}

/**
 * Only the shape is checked here; the driver checks the rest. A WHATWG URL check would refuse
 * valid forms: PostgreSQL's socket URLs (`postgresql:///lastri?host=/run/postgresql`) and
 * KurrentDB's cluster lists (`kurrentdb+discover://node1:2113,node2:2113`).
 */
function serverUrl(url: string, scheme: string): string {
  const prefix = `${scheme}://`;
  if (!url.toLowerCase().startsWith(prefix) || url.length === prefix.length) {
    throw new Error(
      `EVENT_STORE_URL must read ${prefix}… for the ${scheme} adapter. Accepted forms: ${ACCEPTED_EVENT_STORE_URLS}.`,
    );
  }
  return url;
}

async function loadServerAdapter(adapter: keyof typeof SERVER_ADAPTERS): Promise<ConnectableStore> {
  const { modulePath, exportName } = SERVER_ADAPTERS[adapter];
  // A path in a variable: this module compiles whether or not an adapter is part of the build.
  const loaded = (await import(modulePath)) as Record<
    string,
    Partial<ConnectableStore> | undefined
  >;
  const store = loaded[exportName];
  if (typeof store?.connect !== 'function') {
    throw new Error(
      `The ${adapter} event store adapter (${modulePath}) exports no ${exportName}.connect.`,
    );
  }
  return store as ConnectableStore;
}
