/**
 * The physical limit beside the SQLite adapter: better-sqlite3 inserting the same rows into the
 * same table with the same pragmas (the adapter's own prepareDatabase).
 */
import Database from 'better-sqlite3';

import { residentStreams } from '@lastri/event-store';
import { prepareDatabase } from '@lastri/event-store/src/adapters/sqlite/sqlite-schema';

import type { AppendOp, BenchTarget } from './event-store-workload';

/** Stands in for the hash chain the raw rows do not compute: same width, so the same row size. */
const PLACEHOLDER_HASH = 'f'.repeat(64);

const COLUMNS =
  'position, stream_name, stream_version, id, type, schema_version, data, metadata, recorded_at, prev_hash, hash';

interface RawRow {
  position: number;
  data: string;
  metadata: string;
}

/**
 * Prepared INSERTs, one transaction per append, BEGIN IMMEDIATE as the adapter's. The UNIQUE (stream_name, stream_version) key
 * enforces the expected version; there is no hash chain, no idempotency check and no stream
 * head row: what is left is the cost of storing the rows.
 */
export function openRawSqlite(file: string): BenchTarget {
  const db = new Database(file);
  prepareDatabase(db);
  const insert = db.prepare(
    `INSERT INTO events (stream_name, stream_version, id, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const appendInTransaction = db.transaction((op: AppendOp, recordedAt: string) => {
    let version = op.expected === 'no-stream' ? -1 : op.expected;
    for (const event of op.events) {
      version += 1;
      insert.run(
        op.stream,
        version,
        event.id,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
        PLACEHOLDER_HASH,
        PLACEHOLDER_HASH,
      );
    }
  });
  const page = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
  const history = db.prepare(
    `SELECT ${COLUMNS} FROM events WHERE resident_id = ? AND stream_name IN (?, ?, ?, ?) ORDER BY position`,
  );
  // Parsed as a store hands events back: objects, not JSON text.
  const parse = <Row extends RawRow>(rows: Row[]) =>
    rows.map((row) => ({ ...row, data: JSON.parse(row.data) as unknown, metadata: JSON.parse(row.metadata) as unknown }));

  return {
    label: 'raw better-sqlite3',
    append: async (op) => {
      appendInTransaction.immediate(op, new Date().toISOString());
    },
    readAll: async (pageSize) => {
      let read = 0;
      let after = 0;
      for (;;) {
        const rows = parse(page.all(after, pageSize) as RawRow[]);
        read += rows.length;
        if (rows.length < pageSize) return read;
        after = rows[rows.length - 1].position;
      }
    },
    residentHistory: async (residentId) =>
      parse(history.all(residentId, ...residentStreams(residentId)) as RawRow[]).length,
    close: async () => {
      db.close();
    },
  };
}

/** The SQLite library inside better-sqlite3, for the table's heading. */
export function betterSqliteLibraryVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS version').get() as { version: string }).version;
  } finally {
    db.close();
  }
}
