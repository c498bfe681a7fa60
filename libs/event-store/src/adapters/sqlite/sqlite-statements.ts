/**
 * The SQLite store's prepared statements, compiled once per connection: an append or a read
 * then costs one step of an already planned query.
 */
import type Database from 'better-sqlite3';

import type { SubscriptionFilter } from '../../port/event-store';

/**
 * An event as the event-reading statements return it: an array in EVENT_COLUMNS' order. They
 * run in raw mode because better-sqlite3 builds an object per row key by key: about 3 µs a row of
 * these columns, against 1.5 µs for the array.
 */
export type EventRow = [
  position: number,
  streamName: string,
  streamVersion: number,
  id: string,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  recordedAt: string,
  prevHash: string,
  hash: string,
];

export interface StreamHeadRow {
  version: number;
  head_hash: string;
}

/** appendState's row: the stream's head (nulls for a new stream) and the last recorded_at (null in an empty store). */
export type AppendStateRow = [
  version: number | null,
  headHash: string | null,
  lastRecordedAt: string | null,
];

/** Columns an appended event binds, in insertEvents' order. */
export const INSERTED_COLUMNS = 10;
/** Rows one INSERT writes at most: a larger batch takes several (INSERTED_COLUMNS × this stays far below SQLite's 32,766 variables). */
export const MAX_ROWS_PER_INSERT = 32;

const EVENT_COLUMNS =
  'position, stream_name, stream_version, id, type, schema_version, data, metadata, recorded_at, prev_hash, hash';

export class SqliteStatements {
  readonly streamHead: Database.Statement;
  readonly anyEventOf: Database.Statement;
  /** The ids among a JSON array of ids that the stream holds already. */
  readonly storedIds: Database.Statement;
  /** Whether another connection has committed since this one last looked (SQLite's data_version). */
  readonly dataVersion: Database.Statement;
  /** What an append starts from, in one step: an AppendStateRow. */
  readonly appendState: Database.Statement;
  /** (name, version, head_hash) */
  readonly upsertStreamHead: Database.Statement;
  readonly readStreamForwards: Database.Statement;
  readonly readStreamBackwards: Database.Statement;
  readonly readAll: Database.Statement;
  readonly residentHistory: Database.Statement;
  readonly loadCheckpoint: Database.Statement;
  readonly saveCheckpoint: Database.Statement;
  private readonly filteredReads = new Map<string, Database.Statement>();
  private readonly inserts: Database.Statement[] = [];

  constructor(private readonly db: Database.Database) {
    this.streamHead = db.prepare('SELECT version, head_hash FROM streams WHERE name = ?');
    this.anyEventOf = db.prepare('SELECT 1 FROM events WHERE stream_name = ? LIMIT 1');
    this.storedIds = db.prepare(
      'SELECT id FROM events WHERE stream_name = ? AND id IN (SELECT value FROM json_each(?))',
    );
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.appendState = db
      .prepare(
        `SELECT streams.version, streams.head_hash,
           (SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1)
         FROM (SELECT ? AS name) AS wanted LEFT JOIN streams ON streams.name = wanted.name`,
      )
      .raw();
    this.upsertStreamHead = db.prepare(
      `INSERT INTO streams (name, version, head_hash) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash`,
    );
    // LIMIT -1 is SQLite for "no limit".
    this.readStreamForwards = db
      .prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = ? AND stream_version >= ?
       ORDER BY stream_version LIMIT ?`,
      )
      .raw(true);
    this.readStreamBackwards = db
      .prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = ? AND stream_version <= ?
       ORDER BY stream_version DESC LIMIT ?`,
      )
      .raw(true);
    this.readAll = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw(true);
    this.residentHistory = db
      .prepare(
        `SELECT ${EVENT_COLUMNS} FROM events
       WHERE resident_id = ? AND stream_name IN (?, ?, ?, ?) AND (? IS NULL OR recorded_at <= ?)
       ORDER BY position`,
      )
      .raw(true);
    this.loadCheckpoint = db.prepare('SELECT position FROM checkpoints WHERE subscriber_name = ?');
    this.saveCheckpoint = db.prepare(
      `INSERT INTO checkpoints (subscriber_name, position) VALUES (?, ?)
       ON CONFLICT (subscriber_name) DO UPDATE SET position = excluded.position`,
    );
  }

  /**
   * An INSERT of `rows` events (1 to MAX_ROWS_PER_INSERT), binding INSERTED_COLUMNS values per row
   * in its column order, answering [stream_version, position] per row (RETURNING promises no order).
   */
  insertEvents(rows: number): Database.Statement {
    let statement = this.inserts[rows];
    if (!statement) {
      if (!Number.isInteger(rows) || rows < 1 || rows > MAX_ROWS_PER_INSERT) {
        throw new RangeError(`One INSERT writes 1 to ${MAX_ROWS_PER_INSERT} events, not ${rows}.`);
      }
      const row = `(${Array(INSERTED_COLUMNS).fill('?').join(', ')})`;
      statement = this.db
        .prepare(
          `INSERT INTO events (stream_name, stream_version, id, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
           VALUES ${Array(rows).fill(row).join(', ')}
           RETURNING stream_version, position`,
        )
        .raw();
      this.inserts[rows] = statement;
    }
    return statement;
  }

  /** Events after `position` that pass the filter; one statement per shape of filter. */
  readAfter(position: number, limit: number, filter: SubscriptionFilter = {}): unknown[] {
    const prefixes = filter.streamPrefixes ?? [];
    const types = filter.eventTypes ?? [];
    const key = `${prefixes.length}:${types.length}`;
    let statement = this.filteredReads.get(key);
    if (!statement) {
      // substr/length count characters on both sides, so a prefix with any characters matches
      // exactly, and (unlike LIKE) case-sensitively with nothing to escape.
      const conditions = ['position > ?'];
      if (prefixes.length > 0) {
        conditions.push(
          `(${prefixes.map(() => 'substr(stream_name, 1, length(?)) = ?').join(' OR ')})`,
        );
      }
      if (types.length > 0) conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
      statement = this.db
        .prepare(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`,
        )
        .raw(true);
      this.filteredReads.set(key, statement);
    }
    return statement.all(
      position,
      ...prefixes.flatMap((prefix) => [prefix, prefix]),
      ...types,
      limit,
    );
  }
}
