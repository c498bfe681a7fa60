/**
 * Emmett's stores in the event store benchmark, driven with the same appends as the LASTRI
 * adapters. Emmett is looked up in the repository first, then in an install of its own outside
 * it, because it cannot be a devDependency of this repository today (npm 11, Node 20):
 *
 * - @event-driven-io/emmett 0.42.0 (what emmett-postgresql 0.42.0 needs, exactly) declares the
 *   peer uuid ^10, and the repository depends on uuid ^11: `npm install -D` fails with ERESOLVE,
 *   and installing with --legacy-peer-deps makes every later plain `npm install` / `npm ci`
 *   in the repository fail with the same conflict.
 * - @event-driven-io/emmett-sqlite 0.42.4 needs @event-driven-io/emmett 0.42.4 exactly, which the
 *   registry does not have (ETARGET); 0.38.5 needs emmett 0.38.5, which cannot sit beside the
 *   0.42.0 that emmett-postgresql needs. Its driver is sqlite3 5.1.7 (native, built on install).
 *
 * Out of the tree each gets its own node_modules, and its own copy of pg: dumbo (Emmett's
 * PostgreSQL layer) sets global pg type parsers (int8 as BigInt, its own JSON parser), which
 * must not reach the adapter's pg. `tools/bench/setup-emmett.sh` (run by `npm run
 * bench:event-store`) installs both under .cache/bench/emmett; override the directories with
 * --emmett-postgresql-dir= / BENCH_EMMETT_POSTGRESQL_DIR and --emmett-sqlite-dir=.
 *
 * Emmett's versions count events (1 after the first) where LASTRI's name the last event's
 * version (0 after the first): an append expecting LASTRI version v expects Emmett version v+1,
 * and 'no-stream' is STREAM_DOES_NOT_EXIST (which both Emmett stores accept without checking).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { residentStreams } from '@lastri/event-store';

import { textSetting } from './bench-measure';
import type { AppendOp, BenchTarget, UnavailableTarget } from './event-store-workload';

interface EmmettEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

interface EmmettReadEvent {
  metadata: { globalPosition: bigint };
}

interface EmmettStore {
  appendToStream(
    stream: string,
    events: EmmettEvent[],
    options: { expectedStreamVersion: bigint | 'STREAM_DOES_NOT_EXIST' },
  ): Promise<unknown>;
  readStream(stream: string): Promise<{ events: (EmmettReadEvent | null)[] }>;
}

interface EmmettBatch {
  messages: EmmettReadEvent[];
  currentGlobalPosition: bigint;
}

interface EmmettPostgresModule {
  getPostgreSQLEventStore(
    url: string,
  ): EmmettStore & { schema: { migrate(): Promise<unknown> }; close(): Promise<void> };
  readMessagesBatch(executor: unknown, options: { after: bigint; batchSize: number }): Promise<EmmettBatch>;
}

interface DumboModule {
  dumbo(options: { connectionString: string }): { execute: unknown; close(): Promise<void> };
}

interface EmmettSqliteModule {
  getSQLiteEventStore(options: { fileName: string }): EmmettStore;
  sqliteConnection(options: { fileName: string }): { close(): void };
  readMessagesBatch(connection: unknown, options: { after: bigint; batchSize: number }): Promise<EmmettBatch>;
}

/** Where a package was found, and its version. */
interface Located {
  entry: string;
  version: string;
  outOfTree: boolean;
}

const DEFAULT_INSTALL_ROOT = path.resolve(__dirname, '../../.cache/bench/emmett');

/** Finds `name` in the repository, else under `installDirectory`; undefined when in neither. */
function locate(name: string, installDirectory: string): Located | undefined {
  for (const [paths, outOfTree] of [
    [undefined, false],
    [[installDirectory], true],
  ] as const) {
    try {
      const entry = require.resolve(name, paths ? { paths: [...paths] } : undefined);
      return { entry, version: packageVersion(entry, name), outOfTree };
    } catch {
      // not in this place: try the next
    }
  }
  return undefined;
}

/** The version in the package.json of the package that `entry` belongs to. */
function packageVersion(entry: string, name: string): string {
  for (let directory = path.dirname(entry); directory !== path.dirname(directory); directory = path.dirname(directory)) {
    const manifest = path.join(directory, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === name) return parsed.version ?? '?';
    }
  }
  return '?';
}

function withPlace(located: Located, directory: string): string {
  return located.outOfTree ? `${located.version} (from ${directory})` : located.version;
}

function notFound(label: string, name: string, directory: string): UnavailableTarget {
  return {
    label,
    unavailable:
      `${name} is in neither the repository nor ${directory}; it cannot be a devDependency here ` +
      '(peer conflicts, see tools/bench/event-store-emmett.ts for why and for the one-line install).',
  };
}

/** Package name → version of what was loaded, for the output's versions line. */
export interface EmmettVersions {
  [pkg: string]: string;
}

function toEmmettEvent(event: AppendOp['events'][number]): EmmettEvent {
  // Emmett keeps its own message id; the LASTRI id goes along in the metadata, so rows carry the same.
  return {
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { ...event.metadata, eventId: event.id, schemaVersion: event.schemaVersion },
  };
}

function emmettExpected(op: AppendOp): bigint | 'STREAM_DOES_NOT_EXIST' {
  return op.expected === 'no-stream' ? 'STREAM_DOES_NOT_EXIST' : BigInt(op.expected + 1);
}

function mergedByGlobalPosition(streams: { events: (EmmettReadEvent | null)[] }[]): EmmettReadEvent[] {
  return streams
    .flatMap((stream) => stream.events.filter((event): event is EmmettReadEvent => event !== null))
    .sort((a, b) => (a.metadata.globalPosition < b.metadata.globalPosition ? -1 : 1));
}

async function readAllInBatches(
  read: (after: bigint) => Promise<EmmettBatch>,
  pageSize: number,
): Promise<number> {
  let count = 0;
  let after = 0n;
  for (;;) {
    const batch = await read(after);
    count += batch.messages.length;
    if (batch.messages.length < pageSize) return count;
    after = batch.currentGlobalPosition;
  }
}

export async function openEmmettPostgres(
  url: string,
  versions: EmmettVersions,
): Promise<BenchTarget | UnavailableTarget> {
  const directory =
    textSetting('emmett-postgresql-dir') ?? path.join(DEFAULT_INSTALL_ROOT, 'postgresql');
  const emmett = locate('@event-driven-io/emmett-postgresql', directory);
  if (!emmett) return notFound('emmett-postgresql', '@event-driven-io/emmett-postgresql', directory);
  const searchFrom = { paths: [path.dirname(emmett.entry)] };
  const dumboEntry = require.resolve('@event-driven-io/dumbo', searchFrom);
  const coreEntry = require.resolve('@event-driven-io/emmett', searchFrom);
  versions['@event-driven-io/emmett-postgresql'] = withPlace(emmett, directory);
  versions['@event-driven-io/emmett (for postgresql)'] = packageVersion(coreEntry, '@event-driven-io/emmett');
  versions['@event-driven-io/dumbo'] = packageVersion(dumboEntry, '@event-driven-io/dumbo');
  const pgEntry = require.resolve('pg', { paths: [path.dirname(dumboEntry)] });
  versions['pg (Emmett’s)'] =
    `${packageVersion(pgEntry, 'pg')}${pgEntry === require.resolve('pg') ? ' — shared with the adapter: dumbo’s pg type parsers apply to both' : ''}`;

  const module = require(emmett.entry) as EmmettPostgresModule;
  const { dumbo } = require(dumboEntry) as DumboModule;
  const store = module.getPostgreSQLEventStore(url);
  await store.schema.migrate();
  const reader = dumbo({ connectionString: url });
  return {
    label: `emmett-postgresql ${emmett.version}`,
    append: async (op) => {
      await store.appendToStream(op.stream, op.events.map(toEmmettEvent), {
        expectedStreamVersion: emmettExpected(op),
      });
    },
    readAll: (pageSize) =>
      readAllInBatches(
        (after) => module.readMessagesBatch(reader.execute, { after, batchSize: pageSize }),
        pageSize,
      ),
    residentHistory: async (residentId) =>
      mergedByGlobalPosition(
        await Promise.all(residentStreams(residentId).map((stream) => store.readStream(stream))),
      ).length,
    notes: () => [
      'its readAll is readMessagesBatch, which orders by (transaction_id, global_position) but pages by ' +
        'global_position: after concurrent writers, pages overlap and skip, so it may not read exactly the events appended.',
    ],
    close: async () => {
      await reader.close();
      await store.close();
    },
  };
}

export const EMMETT_SQLITE_SERIALISED_NOTE =
  'emmett-sqlite runs its appends one at a time: on one store, concurrent appends fail ' +
  '(SQLITE_BUSY, "Database handle is closed": it opens and closes a connection per call and ' +
  'shares it between calls in flight), and with one store per writer they fail with SQLITE_BUSY.';

/** Tries of one append before the run gives up on emmett-sqlite. */
const EMMETT_SQLITE_TRIES = 5;

/**
 * Emmett's SQLite store as it comes: a new sqlite3 connection for every call, WAL, SQLite's
 * default synchronous=FULL. Appends go one at a time (EMMETT_SQLITE_SERIALISED_NOTE). Now and
 * then its COMMIT fails with SQLITE_BUSY "SQL statements in progress": it reads UPDATE/INSERT …
 * RETURNING with sqlite3's get(), which leaves the statement mid-step until a finalize that
 * the driver, not in serialize mode, does not order before the COMMIT. Emmett rolls back; the
 * append is tried again here, and counted.
 */
export async function openEmmettSqlite(
  file: string,
  versions: EmmettVersions,
): Promise<BenchTarget | UnavailableTarget> {
  const directory = textSetting('emmett-sqlite-dir') ?? path.join(DEFAULT_INSTALL_ROOT, 'sqlite');
  const emmett = locate('@event-driven-io/emmett-sqlite', directory);
  if (!emmett) return notFound('emmett-sqlite', '@event-driven-io/emmett-sqlite', directory);
  const searchFrom = { paths: [path.dirname(emmett.entry)] };
  const coreEntry = require.resolve('@event-driven-io/emmett', searchFrom);
  const sqlite3Entry = require.resolve('sqlite3', searchFrom);
  versions['@event-driven-io/emmett-sqlite'] = withPlace(emmett, directory);
  versions['@event-driven-io/emmett (for sqlite)'] = packageVersion(coreEntry, '@event-driven-io/emmett');
  versions['sqlite3 (Emmett’s driver)'] = packageVersion(sqlite3Entry, 'sqlite3');

  const module = require(emmett.entry) as EmmettSqliteModule;
  const store = module.getSQLiteEventStore({ fileName: file });
  // The first call creates the schema; do it outside the measurements.
  await store.readStream('bench-schema');
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const retried = new Map<string, number>();
  let appends = 0;

  const appendOnce = async (op: AppendOp) => {
    // Emmett console.logs a failed transaction's error: keep it off stdout, where the tables go.
    const log = console.log;
    console.log = (...args: unknown[]) => console.error('emmett-sqlite logged:', ...args);
    try {
      await store.appendToStream(op.stream, op.events.map(toEmmettEvent), {
        expectedStreamVersion: emmettExpected(op),
      });
    } finally {
      console.log = log;
    }
  };

  return {
    label: `emmett-sqlite ${emmett.version}`,
    append: (op) =>
      oneAtATime(async () => {
        appends += 1;
        for (let attempt = 1; ; attempt++) {
          try {
            return await appendOnce(op);
          } catch (error) {
            const code = (error as { code?: string }).code;
            if (code !== 'SQLITE_BUSY' || attempt >= EMMETT_SQLITE_TRIES) throw error;
            const message = (error as Error).message;
            retried.set(message, (retried.get(message) ?? 0) + 1);
          }
        }
      }),
    readAll: async (pageSize) => {
      const connection = module.sqliteConnection({ fileName: file });
      try {
        return await readAllInBatches(
          (after) => module.readMessagesBatch(connection, { after, batchSize: pageSize }),
          pageSize,
        );
      } finally {
        connection.close();
      }
    },
    residentHistory: async (residentId) => {
      const streams = [];
      for (const stream of residentStreams(residentId)) streams.push(await store.readStream(stream));
      return mergedByGlobalPosition(streams).length;
    },
    notes: () =>
      [...retried].map(
        ([message, count]) =>
          `${count} tries (over ${appends} appends) failed with "${message}" and were repeated; the time is included.`,
      ),
    close: async () => undefined,
  };
}

/** SQLite inside Emmett's sqlite3 driver, for the heading; undefined without Emmett. */
export async function emmettSqliteLibraryVersion(): Promise<string | undefined> {
  const directory = textSetting('emmett-sqlite-dir') ?? path.join(DEFAULT_INSTALL_ROOT, 'sqlite');
  const emmett = locate('@event-driven-io/emmett-sqlite', directory);
  if (!emmett) return undefined;
  const sqlite3Entry = require.resolve('sqlite3', { paths: [path.dirname(emmett.entry)] });
  const sqlite3 = require(sqlite3Entry) as {
    Database: new (file: string) => {
      get(sql: string, callback: (error: Error | null, row: { version: string }) => void): void;
      close(): void;
    };
  };
  const db = new sqlite3.Database(':memory:');
  try {
    return await new Promise((resolve, reject) =>
      db.get('SELECT sqlite_version() AS version', (error, row) =>
        error ? reject(error) : resolve(row.version),
      ),
    );
  } finally {
    db.close();
  }
}
