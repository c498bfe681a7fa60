/**
 * The SQLite store's prepared statements, compiled once per connection: an append or a read
 * then costs one step of an already planned query.
 */
import type Database from 'better-sqlite3';

import type { SubscriptionFilter } from '../../port/event-store';

export interface EventRow {
  position: number;
  stream_name: string;
  stream_version: number;
  id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

export interface StreamHeadRow {
  version: number;
  head_hash: string;
}

const EVENT_COLUMNS =
  'position, stream_name, stream_version, id, type, schema_version, data, metadata, recorded_at, prev_hash, hash';

export class SqliteStatements {
  readonly streamHead: Database.Statement;
  readonly anyEventOf: Database.Statement;
  /** The ids among a JSON array of ids that the stream holds already. */
  readonly storedIds: Database.Statement;
  readonly lastRecordedAt: Database.Statement;
  readonly insertEvent: Database.Statement;
  readonly upsertStreamHead: Database.Statement;
  readonly readStreamForwards: Database.Statement;
  readonly readStreamBackwards: Database.Statement;
  readonly readAll: Database.Statement;
  readonly residentHistory: Database.Statement;
  readonly loadCheckpoint: Database.Statement;
  readonly saveCheckpoint: Database.Statement;
  private readonly filteredReads = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.streamHead = db.prepare('SELECT version, head_hash FROM streams WHERE name = ?');
    this.anyEventOf = db.prepare('SELECT 1 FROM events WHERE stream_name = ? LIMIT 1');
    this.storedIds = db.prepare(
      'SELECT id FROM events WHERE stream_name = ? AND id IN (SELECT value FROM json_each(?))',
    );
    this.lastRecordedAt = db.prepare(
      'SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1',
    );
    this.insertEvent = db.prepare(
      `INSERT INTO events (stream_name, stream_version, id, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
       VALUES (@stream_name, @stream_version, @id, @type, @schema_version, @data, @metadata, @recorded_at, @prev_hash, @hash)`,
    );
    this.upsertStreamHead = db.prepare(
      `INSERT INTO streams (name, version, head_hash) VALUES (@name, @version, @head_hash)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash`,
    );
    // LIMIT -1 is SQLite for "no limit".
    this.readStreamForwards = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = ? AND stream_version >= ?
       ORDER BY stream_version LIMIT ?`,
    );
    this.readStreamBackwards = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_name = ? AND stream_version <= ?
       ORDER BY stream_version DESC LIMIT ?`,
    );
    this.readAll = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    );
    this.residentHistory = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE resident_id = ? AND stream_name IN (?, ?, ?, ?) AND (? IS NULL OR recorded_at <= ?)
       ORDER BY position`,
    );
    this.loadCheckpoint = db.prepare('SELECT position FROM checkpoints WHERE subscriber_name = ?');
    this.saveCheckpoint = db.prepare(
      `INSERT INTO checkpoints (subscriber_name, position) VALUES (?, ?)
       ON CONFLICT (subscriber_name) DO UPDATE SET position = excluded.position`,
    );
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
      statement = this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`,
      );
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
