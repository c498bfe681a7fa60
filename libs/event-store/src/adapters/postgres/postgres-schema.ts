/**
 * The PostgreSQL store's tables and its append function, created idempotently on connect.
 *
 * Global order is the tuple (transaction_id, global_position): every event carries the id of the
 * transaction that wrote it, and a reader only takes events of transactions older than the oldest
 * one still running (pg_snapshot_xmin of its snapshot). A bigserial alone is not enough: positions
 * are handed out when a row is inserted, but a transaction that took position 10 can commit after
 * the one that took 11, and a reader that had passed 11 would never see 10.
 *
 * An append takes one round trip and one transaction: stream locks, version check, head update
 * and the multi-row insert (which a stored id fails: idempotency), in lastri_append_one for one
 * append, or in lastri_append for several that were waiting at the same time
 * (postgres-appender.ts). The caller computes the hash chain (hash-chain.ts) from the head it
 * believes the stream has; the function writes only if that head is still the head, and
 * otherwise answers with the actual one so the caller can recompute and call again.
 *
 * Both take the events as typed arrays, one element per event (sent in binary), so that the
 * server parses each value once, and both keep to a few small statements: most of an append's
 * server time is statement start-up, not the rows (see the note above lastri_append_one).
 */

export const NOTIFY_CHANNEL = 'lastri_events_appended';

/** lastri_append_one's argument types, in order; APPEND_ONE_SQL casts to them. */
export const APPEND_ONE_ARGUMENT_TYPES = [
  'text',
  'bigint',
  'bigint',
  'text',
  'timestamptz',
  'uuid[]',
  'text[]',
  'integer[]',
  'json[]',
  'json[]',
  'text[]',
  'text',
] as const;

/** lastri_append's argument types, in order; APPEND_MANY_SQL casts to them. */
export const APPEND_MANY_ARGUMENT_TYPES = [
  'text[]',
  'bigint[]',
  'bigint[]',
  'text[]',
  'integer[]',
  'timestamptz',
  'uuid[]',
  'text[]',
  'integer[]',
  'json[]',
  'json[]',
  'text[]',
  'text',
] as const;

/** lastri_append_outcome's argument types, in order; APPEND_OUTCOME_SQL casts to them. */
export const APPEND_OUTCOME_ARGUMENT_TYPES = ['integer', 'text', 'bigint', 'uuid[]', 'text'] as const;

/** Any constant: it only keeps the schema lock apart from other users of advisory locks. */
const SCHEMA_LOCK_KEY = 7_305_116_114_105;

export const CREATE_SCHEMA_SQL = `
SELECT pg_advisory_xact_lock(${SCHEMA_LOCK_KEY});

-- Stream names are compared byte by byte (COLLATE "C"): they are only ever
-- matched (=, ^@), never sorted for people, and a B-tree on text in the database's default
-- locale calls strcoll for every comparison on every insert and lookup.
CREATE TABLE IF NOT EXISTS lastri_streams (
  name       text   COLLATE "C" PRIMARY KEY,
  version    bigint NOT NULL,
  head_hash  text   NOT NULL
);

CREATE TABLE IF NOT EXISTS lastri_events (
  global_position bigserial   NOT NULL,
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_name     text        COLLATE "C" NOT NULL,
  stream_version  bigint      NOT NULL,
  id              uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  data            json        NOT NULL,
  metadata        json        NOT NULL,
  recorded_at     timestamptz NOT NULL,
  prev_hash       text        NOT NULL,
  hash            text        NOT NULL,
  PRIMARY KEY (stream_name, stream_version),
  -- Named as PostgreSQL would name it: the appender recognises an append's stored id by it.
  CONSTRAINT lastri_events_stream_name_id_key UNIQUE (stream_name, id)
);

CREATE INDEX IF NOT EXISTS lastri_events_global_order
  ON lastri_events (transaction_id, global_position);

-- data and metadata are json, not jsonb: the store keeps the canonical text it hashed, byte for
-- byte, and PostgreSQL only checks it rather than building and later printing a binary form
-- (with 1 KB events, about 15% more 10-event appends per second by one writer). Nothing queries
-- inside them. An earlier schema had jsonb; its values convert as they are (the chain hashes the
-- parsed values).
DO $json$
BEGIN
  IF (SELECT a.atttypid FROM pg_attribute a
       WHERE a.attrelid = 'lastri_events'::regclass AND a.attname = 'data') = 'jsonb'::regtype THEN
    ALTER TABLE lastri_events ALTER COLUMN data TYPE json USING data::json,
                              ALTER COLUMN metadata TYPE json USING metadata::json;
  END IF;
END
$json$;

-- A resident's history is the merge of their four context streams, which the primary key finds
-- by name: a resident index would be a fourth index written by every event (an earlier schema
-- had one, and its column).
DROP INDEX IF EXISTS lastri_events_resident;
ALTER TABLE lastri_events DROP COLUMN IF EXISTS resident_id;

CREATE TABLE IF NOT EXISTS lastri_checkpoints (
  subscriber_name text   PRIMARY KEY,
  transaction_id  xid8   NOT NULL,
  global_position bigint NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Every other signature of the append functions is dropped (an older lastri_append took one jsonb
-- document), so that no caller reaches an old body.
DO $drop$
DECLARE
  v_old regprocedure;
BEGIN
  FOR v_old IN
    SELECT p.oid::regprocedure FROM pg_proc p
     WHERE p.proname IN ('lastri_append', 'lastri_append_one', 'lastri_append_outcome')
       AND p.pronamespace = current_schema()::regnamespace
       AND p.oid IS DISTINCT FROM to_regprocedure('lastri_append_one(${APPEND_ONE_ARGUMENT_TYPES.join(', ')})')
       AND p.oid IS DISTINCT FROM to_regprocedure('lastri_append(${APPEND_MANY_ARGUMENT_TYPES.join(', ')})')
       AND p.oid IS DISTINCT FROM to_regprocedure('lastri_append_outcome(${APPEND_OUTCOME_ARGUMENT_TYPES.join(', ')})')
  LOOP
    EXECUTE format('DROP FUNCTION %s', v_old);
  END LOOP;
END
$drop$;

-- Both functions take every stream's lock first, in one order (no deadlocks between calls), and
-- advisory locks rather than row locks: taking them gives the transaction no id, so it gets its
-- id (at its first write) only once it holds all its streams. A later append to a stream
-- therefore always has a larger transaction id than an earlier one, and the global order
-- (transaction_id, global_position) keeps every stream in version order. Each statement after
-- the locks takes a new snapshot: under them, what it reads of these streams (heads, stored ids)
-- is what is committed, and nobody else writes to them.
--
-- The head update carries the checks: it moves a head only if the caller chained onto it and the
-- expected version holds, and an append's events are inserted only if its head moved. An id
-- already in the stream is not looked for beforehand (a lookup per event, on every append, for
-- what is a retry's rare case): the insert then fails on UNIQUE (stream_name, id) with 23505,
-- which undoes the whole call, and the caller asks lastri_append_outcome which ids are stored
-- (postgres-appender.ts). Every lookup is by a whole unique key, which an
-- index answers whatever the tables' sizes, so plans made once per connection stay good: both
-- functions force those generic plans (a plan made for each call's row counts looks cheaper
-- and would be made again on every call) and leave JIT off (a generic plan's guessed row counts
-- can pass jit_above_cost, and compiling costs far more than these statements' few rows).
-- Statement start-up, not rows, is most of an append's server time, which is why the common
-- call is only a lock, the head update and the insert.
--
-- Answers, one row per append, in order: outcome is appended, or else what
-- lastri_append_outcome says. expected is null for 'any', -1 for 'no-stream', else the version
-- of the stream's last event; the head the caller chained onto is -1 and the genesis hash for a
-- new stream, and a null hash when the caller does not know it.

-- Why an append was not written, with the stream's head, checked in this order: already-appended
-- when every id is stored in the stream, partial-duplicate when some are (duplicate_ids names
-- them), wrong-version, or stale-head (chain onto head_hash / stream_version and retry). The
-- append functions answer through it, and the caller asks it after an append failed on a stored
-- id (23505).
CREATE OR REPLACE FUNCTION lastri_append_outcome(
  p_ordinal      integer,
  p_stream       text,
  p_expected     bigint,
  p_ids          uuid[],
  p_genesis_hash text
)
RETURNS TABLE (
  ordinal         integer,
  outcome         text,
  stream_version  bigint,
  head_hash       text,
  transaction_id  text,
  positions       bigint[],
  duplicate_ids   uuid[]
)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
SET jit = off
AS $fn$
#variable_conflict use_column
BEGIN
  ordinal := p_ordinal;
  SELECT s.version, s.head_hash INTO stream_version, head_hash FROM lastri_streams s WHERE s.name = p_stream;
  IF NOT FOUND THEN
    stream_version := -1;
    head_hash := p_genesis_hash;
  ELSE
    SELECT array_agg(stored.id ORDER BY x.i) INTO duplicate_ids
      FROM unnest(p_ids) WITH ORDINALITY AS x (id, i)
     CROSS JOIN LATERAL (
       SELECT e.id FROM lastri_events e WHERE e.stream_name = p_stream AND e.id = x.id LIMIT 1
     ) AS stored;
  END IF;
  outcome := CASE
    WHEN duplicate_ids IS NOT NULL THEN
      CASE WHEN cardinality(duplicate_ids) = cardinality(p_ids) THEN 'already-appended' ELSE 'partial-duplicate' END
    WHEN p_expected IS NOT NULL AND p_expected <> stream_version THEN 'wrong-version'
    ELSE 'stale-head'
  END;
  RETURN NEXT;
END
$fn$;

-- One append. The per-event arrays hold its events in order; versions and previous hashes
-- follow from the head.
CREATE OR REPLACE FUNCTION lastri_append_one(
  p_stream          text,
  p_expected        bigint,
  p_head_version    bigint,
  p_head_hash       text,
  p_recorded_at     timestamptz,
  p_ids             uuid[],
  p_types           text[],
  p_schema_versions integer[],
  p_data            json[],
  p_metadata        json[],
  p_hashes          text[],
  p_genesis_hash    text
)
RETURNS TABLE (
  ordinal         integer,
  outcome         text,
  stream_version  bigint,
  head_hash       text,
  transaction_id  text,
  positions       bigint[],
  duplicate_ids   uuid[]
)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
SET jit = off
AS $fn$
#variable_conflict use_column
DECLARE
  v_count   integer := cardinality(p_ids);
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
  ordinal := 1;

  -- The head moves (or the stream is created) and the events go in, in one statement.
  IF p_head_version >= 0 THEN
    WITH moved AS (
      UPDATE lastri_streams s
         SET version = s.version + v_count, head_hash = p_hashes[v_count]
       WHERE s.name = p_stream AND s.version = p_head_version AND s.head_hash = p_head_hash
         AND (p_expected IS NULL OR p_expected = s.version)
      RETURNING 1
    ), inserted AS (
      INSERT INTO lastri_events AS ev (
        stream_name, stream_version, id, type, schema_version, data, metadata,
        recorded_at, prev_hash, hash
      )
      SELECT p_stream, p_head_version + x.i, x.id, p_types[x.i], p_schema_versions[x.i],
             p_data[x.i], p_metadata[x.i], p_recorded_at,
             CASE WHEN x.i = 1 THEN p_head_hash ELSE p_hashes[x.i - 1] END, p_hashes[x.i]
        FROM moved, unnest(p_ids) WITH ORDINALITY AS x (id, i)
       ORDER BY x.i
      RETURNING ev.global_position
    )
    SELECT array_agg(i.global_position ORDER BY i.global_position) INTO positions FROM inserted i;
  ELSIF p_head_version = -1 AND p_head_hash = p_genesis_hash AND coalesce(p_expected, -1) = -1 THEN
    WITH created AS (
      INSERT INTO lastri_streams (name, version, head_hash)
      VALUES (p_stream, v_count - 1, p_hashes[v_count])
      ON CONFLICT (name) DO NOTHING
      RETURNING 1
    ), inserted AS (
      INSERT INTO lastri_events AS ev (
        stream_name, stream_version, id, type, schema_version, data, metadata,
        recorded_at, prev_hash, hash
      )
      SELECT p_stream, x.i - 1, x.id, p_types[x.i], p_schema_versions[x.i],
             p_data[x.i], p_metadata[x.i], p_recorded_at,
             CASE WHEN x.i = 1 THEN p_head_hash ELSE p_hashes[x.i - 1] END, p_hashes[x.i]
        FROM created, unnest(p_ids) WITH ORDINALITY AS x (id, i)
       ORDER BY x.i
      RETURNING ev.global_position
    )
    SELECT array_agg(i.global_position ORDER BY i.global_position) INTO positions FROM inserted i;
  END IF;

  IF positions IS NOT NULL THEN
    outcome := 'appended';
    stream_version := p_head_version + v_count;
    head_hash := p_hashes[v_count];
    transaction_id := pg_current_xact_id()::text;
    duplicate_ids := NULL;
    RETURN NEXT;
    RETURN;
  END IF;

  RETURN QUERY SELECT * FROM lastri_append_outcome(1, p_stream, p_expected, p_ids, p_genesis_hash);
END
$fn$;

-- Several appends, of distinct streams, in one transaction; an append that cannot be written
-- leaves the others unaffected. One element of p_streams, p_expected, p_head_versions,
-- p_head_hashes and p_counts (its number of events) per append; the per-event arrays hold the
-- events of all appends, append after append.
CREATE OR REPLACE FUNCTION lastri_append(
  p_streams         text[],
  p_expected        bigint[],
  p_head_versions   bigint[],
  p_head_hashes     text[],
  p_counts          integer[],
  p_recorded_at     timestamptz,
  p_ids             uuid[],
  p_types           text[],
  p_schema_versions integer[],
  p_data            json[],
  p_metadata        json[],
  p_hashes          text[],
  p_genesis_hash    text
)
RETURNS TABLE (
  ordinal         integer,
  outcome         text,
  stream_version  bigint,
  head_hash       text,
  transaction_id  text,
  positions       bigint[],
  duplicate_ids   uuid[]
)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
SET jit = off
AS $fn$
#variable_conflict use_column
DECLARE
  v_appends     integer := cardinality(p_streams);
  v_key         bigint;
  v_append      integer;
  v_next        integer := 1;
  v_firsts      integer[];
  v_written     integer[];
  v_positions   bigint[];
  v_taken       integer := 0;
  v_transaction text;
BEGIN
  FOR v_key IN SELECT DISTINCT hashtextextended(s.name, 0) FROM unnest(p_streams) AS s (name) ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(v_key);
  END LOOP;

  -- Where each append's events start in the per-event arrays.
  FOR v_append IN 1 .. v_appends LOOP
    v_firsts[v_append] := v_next;
    v_next := v_next + p_counts[v_append];
  END LOOP;

  -- Heads that move: the caller chained onto them and the expected version holds.
  WITH moved AS (
    UPDATE lastri_streams s
       SET version = s.version + p_counts[a.ord],
           head_hash = p_hashes[v_firsts[a.ord] + p_counts[a.ord] - 1]
      FROM generate_series(1, v_appends) AS a (ord)
     WHERE s.name = ANY (p_streams) AND s.name = p_streams[a.ord]
       AND p_head_versions[a.ord] >= 0
       AND s.version = p_head_versions[a.ord] AND s.head_hash = p_head_hashes[a.ord]
       AND (p_expected[a.ord] IS NULL OR p_expected[a.ord] = s.version)
    RETURNING a.ord
  )
  SELECT array_agg(m.ord) INTO v_written FROM moved m;

  -- New streams (none of their ids can be stored: a stream's events come with its row).
  IF -1 = ANY (p_head_versions) THEN
    WITH created AS (
      INSERT INTO lastri_streams (name, version, head_hash)
      SELECT p_streams[a.ord], p_counts[a.ord] - 1, p_hashes[v_firsts[a.ord] + p_counts[a.ord] - 1]
        FROM generate_series(1, v_appends) AS a (ord)
       WHERE p_head_versions[a.ord] = -1 AND p_head_hashes[a.ord] = p_genesis_hash
         AND coalesce(p_expected[a.ord], -1) = -1
      ON CONFLICT (name) DO NOTHING
      RETURNING name
    )
    SELECT v_written || array_agg(a.ord) INTO v_written
      FROM created c JOIN generate_series(1, v_appends) AS a (ord) ON p_streams[a.ord] = c.name;
  END IF;

  -- The events of the appends that moved their head, in order: each stream's events take
  -- ascending global positions.
  IF v_written IS NOT NULL THEN
    WITH inserted AS (
      INSERT INTO lastri_events AS ev (
        stream_name, stream_version, id, type, schema_version, data, metadata,
        recorded_at, prev_hash, hash
      )
      SELECT p_streams[a.ord], p_head_versions[a.ord] + (x.i - v_firsts[a.ord] + 1), p_ids[x.i],
             p_types[x.i], p_schema_versions[x.i], p_data[x.i], p_metadata[x.i], p_recorded_at,
             CASE WHEN x.i = v_firsts[a.ord] THEN p_head_hashes[a.ord] ELSE p_hashes[x.i - 1] END,
             p_hashes[x.i]
        FROM unnest(v_written) AS a (ord)
       CROSS JOIN LATERAL generate_series(v_firsts[a.ord], v_firsts[a.ord] + p_counts[a.ord] - 1) AS x (i)
       ORDER BY x.i
      RETURNING ev.global_position
    )
    SELECT array_agg(i.global_position ORDER BY i.global_position) INTO v_positions FROM inserted i;
    v_transaction := pg_current_xact_id()::text;
  END IF;

  FOR v_append IN 1 .. v_appends LOOP
    ordinal := v_append;
    duplicate_ids := NULL;
    IF v_append = ANY (v_written) THEN
      -- Positions were taken in event order: this append's are the next p_counts of them.
      outcome := 'appended';
      stream_version := p_head_versions[v_append] + p_counts[v_append];
      head_hash := p_hashes[v_firsts[v_append] + p_counts[v_append] - 1];
      transaction_id := v_transaction;
      positions := v_positions[v_taken + 1 : v_taken + p_counts[v_append]];
      v_taken := v_taken + p_counts[v_append];
      RETURN NEXT;
    ELSE
      RETURN QUERY SELECT * FROM lastri_append_outcome(
        v_append, p_streams[v_append], p_expected[v_append],
        p_ids[v_firsts[v_append] : v_firsts[v_append] + p_counts[v_append] - 1], p_genesis_hash);
    END IF;
  END LOOP;
END
$fn$;
`;
