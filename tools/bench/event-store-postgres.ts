/**
 * The physical limit beside the PostgreSQL adapter: pg inserting the same rows into the
 * adapter's own table (created by its CREATE_SCHEMA_SQL) with one multi-row INSERT per append.
 * It commits as the server is configured (as the adapter does) and uses a pool of the same size.
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';

import { residentStreams } from '@lastri/event-store';
import { CREATE_SCHEMA_SQL } from '@lastri/event-store/src/adapters/postgres/postgres-schema';

import type { AppendOp, BenchTarget } from './event-store-workload';

/** The adapter's default pool size (PostgresEventStore's maxConnections), given to the raw driver. */
const POOL_SIZE = 10;

const PLACEHOLDER_HASH = 'f'.repeat(64);
const INSERT_COLUMNS =
  'stream_name, stream_version, id, type, schema_version, data, metadata, recorded_at, prev_hash, hash';
const PARAMETERS_PER_ROW = 10;
// Qualified in ORDER BY below: a bare transaction_id there would sort by these text aliases.
const READ_COLUMNS = `e.transaction_id::text AS transaction_id, e.global_position::text AS global_position,
  e.stream_name, e.stream_version, e.id, e.type, e.schema_version, e.data, e.metadata, e.recorded_at, e.prev_hash, e.hash`;

/**
 * One INSERT … VALUES (…), (…) per append, prepared once per connection and batch size; the
 * primary key (stream_name, stream_version) enforces the expected version. No hash chain, no
 * idempotency check, no stream head row, no gap-safe snapshot horizon on reads.
 */
export async function openRawPostgres(url: string): Promise<BenchTarget> {
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  pool.on('error', () => undefined);
  await pool.query(CREATE_SCHEMA_SQL);

  const insertText = (rows: number) =>
    `INSERT INTO lastri_events (${INSERT_COLUMNS}) VALUES ${Array.from(
      { length: rows },
      (_, row) =>
        `(${Array.from({ length: PARAMETERS_PER_ROW }, (_, column) => `$${row * PARAMETERS_PER_ROW + column + 1}`).join(', ')})`,
    ).join(', ')}`;
  const insertTexts = new Map<number, string>();

  return {
    label: 'raw pg',
    append: async (op: AppendOp) => {
      const rows = op.events.length;
      let text = insertTexts.get(rows);
      if (!text) insertTexts.set(rows, (text = insertText(rows)));
      const recordedAt = new Date().toISOString();
      const base = op.expected === 'no-stream' ? -1 : op.expected;
      await pool.query({
        name: `bench-raw-insert-${rows}`,
        text,
        values: op.events.flatMap((event, index) => [
          op.stream,
          base + 1 + index,
          event.id,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          recordedAt,
          PLACEHOLDER_HASH,
          PLACEHOLDER_HASH,
        ]),
      });
    },
    readAll: async (pageSize) => {
      let read = 0;
      let after = { transactionId: '0', globalPosition: '0' };
      for (;;) {
        const { rows } = await pool.query<{ transaction_id: string; global_position: string }>({
          name: 'bench-raw-read-all',
          text: `SELECT ${READ_COLUMNS} FROM lastri_events e
                  WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
                  ORDER BY e.transaction_id, e.global_position LIMIT $3`,
          values: [after.transactionId, after.globalPosition, pageSize],
        });
        read += rows.length;
        if (rows.length < pageSize) return read;
        const last = rows[rows.length - 1];
        after = { transactionId: last.transaction_id, globalPosition: last.global_position };
      }
    },
    residentHistory: async (residentId) => {
      const { rows } = await pool.query({
        name: 'bench-raw-history',
        text: `SELECT ${READ_COLUMNS} FROM lastri_events e
                WHERE e.stream_name = ANY ($1::text[])
                ORDER BY e.transaction_id, e.global_position`,
        values: [residentStreams(residentId)],
      });
      return rows.length;
    },
    close: () => pool.end(),
  };
}

/**
 * Reads the CPU time, in ms, that the server processes connected to `url`'s database have used
 * so far, from /proc/<pid>/schedstat (nanoseconds on CPU): on Linux, with the server on this
 * machine and its /proc readable; otherwise undefined. Backends that come and go between two
 * readings are missed: the benchmark warms its pools up first, so they stay.
 */
export function databaseCpuMeter(url: string): { read(): Promise<number | undefined>; close(): Promise<void> } {
  const pool = new Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname);
  return {
    read: async () => {
      if (!local || process.platform !== 'linux') return undefined;
      const { rows } = await pool.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
      );
      let nanoseconds = 0;
      for (const { pid } of rows) {
        try {
          nanoseconds += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
        } catch {
          return undefined;
        }
      }
      return nanoseconds / 1e6;
    },
    close: () => pool.end(),
  };
}

export interface PostgresServerFacts {
  version: string;
  fsync: string;
  synchronousCommit: string;
  walSyncMethod: string;
}

export async function postgresServerFacts(url: string): Promise<PostgresServerFacts> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const show = async (setting: string) =>
      (await pool.query<Record<string, string>>(`SHOW ${setting}`)).rows[0][setting];
    return {
      version: await show('server_version'),
      fsync: await show('fsync'),
      synchronousCommit: await show('synchronous_commit'),
      walSyncMethod: await show('wal_sync_method'),
    };
  } finally {
    await pool.end();
  }
}
