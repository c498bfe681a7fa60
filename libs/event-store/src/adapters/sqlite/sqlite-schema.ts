/**
 * The SQLite store's tables, created idempotently on open.
 *
 * `position` is the global order. SQLite lets one writer in at a time (appends take the write lock
 * with BEGIN IMMEDIATE), so positions are handed out and committed in the same order and a reader
 * can never pass a position that a still-running transaction will fill later; AUTOINCREMENT keeps
 * positions of rolled-back or deleted rows from being handed out again.
 *
 * `resident_id` is generated from the metadata rather than written alongside it, so the history
 * index can never disagree with what the event itself says.
 */
import type Database from 'better-sqlite3';

const SCHEMA_VERSION = 1;

const CREATE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS streams (
  name      TEXT    PRIMARY KEY,
  version   INTEGER NOT NULL,
  head_hash TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_name    TEXT    NOT NULL,
  stream_version INTEGER NOT NULL,
  id             TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  resident_id    TEXT    GENERATED ALWAYS AS (json_extract(metadata, '$.residentId')) VIRTUAL,
  recorded_at    TEXT    NOT NULL,
  prev_hash      TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  UNIQUE (stream_name, stream_version),
  UNIQUE (stream_name, id)
);

CREATE INDEX IF NOT EXISTS events_by_resident ON events (resident_id, position);

CREATE TABLE IF NOT EXISTS checkpoints (
  subscriber_name TEXT    PRIMARY KEY,
  position        INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** How long a connection waits for another one's write lock before it reports SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

export function prepareDatabase(db: Database.Database): void {
  // WAL lets readers (subscriptions, other processes) go on while one connection appends;
  // NORMAL syncs at checkpoints rather than at every commit, which WAL makes safe against
  // corruption (a power cut may lose the last commits, never tear the file).
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');

  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `The SQLite event store ${db.name} has schema version ${version}; this code knows up to ${SCHEMA_VERSION}.`,
    );
  }
  if (version < SCHEMA_VERSION) {
    // IMMEDIATE: two processes opening a new file at once must not both try to create it.
    db.transaction(() => {
      db.exec(CREATE_SCHEMA_SQL);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  }
}
