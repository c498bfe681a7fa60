/**
 * The PostgreSQL store's tables and its append function, created idempotently on connect.
 *
 * Global order is the tuple (transaction_id, global_position): every event carries the id of the
 * transaction that wrote it, and a reader only takes events of transactions older than the oldest
 * one still running (pg_snapshot_xmin of its snapshot). A bigserial alone is not enough: positions
 * are handed out when a row is inserted, but a transaction that took position 10 can commit after
 * the one that took 11, and a reader that had passed 11 would never see 10.
 *
 * lastri_append does appends in one round trip and one transaction: stream locks, idempotency
 * check, version check, head update and the multi-row insert, for one append or for several that
 * were waiting at the same time (postgres-appender.ts). The caller computes the hash chain
 * (hash-chain.ts) from the head it believes the stream has; the function writes only if that
 * head is still the head, and otherwise answers with the actual one so the caller can recompute
 * and call again.
 */

export const NOTIFY_CHANNEL = 'lastri_events_appended';

/** Any constant: it only keeps the schema lock apart from other users of advisory locks. */
const SCHEMA_LOCK_KEY = 7_305_116_114_105;

export const CREATE_SCHEMA_SQL = `
SELECT pg_advisory_xact_lock(${SCHEMA_LOCK_KEY});

CREATE TABLE IF NOT EXISTS lastri_streams (
  name       text   PRIMARY KEY,
  version    bigint NOT NULL,
  head_hash  text   NOT NULL
);

CREATE TABLE IF NOT EXISTS lastri_events (
  global_position bigserial   NOT NULL,
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_name     text        NOT NULL,
  stream_version  bigint      NOT NULL,
  id              uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  resident_id     text,
  recorded_at     timestamptz NOT NULL,
  prev_hash       text        NOT NULL,
  hash            text        NOT NULL,
  PRIMARY KEY (stream_name, stream_version),
  UNIQUE (stream_name, id)
);

CREATE INDEX IF NOT EXISTS lastri_events_global_order
  ON lastri_events (transaction_id, global_position);

CREATE INDEX IF NOT EXISTS lastri_events_resident ON lastri_events (resident_id);

CREATE TABLE IF NOT EXISTS lastri_checkpoints (
  subscriber_name text   PRIMARY KEY,
  transaction_id  xid8   NOT NULL,
  global_position bigint NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- p_appends: [{ "stream", "expected", "headVersion", "headHash", "recordedAt", "events": [{ "id",
-- "type", "schemaVersion", "data", "metadata", "prevHash", "hash" }] }], one element per append.
-- expected: null for 'any', -1 for 'no-stream', else the version of the stream's last event.
-- headVersion / headHash: the head the caller chained the events onto (-1 and the genesis hash
-- for a new stream; a null hash when the caller does not know it yet).
-- Answers one row per append; an append that cannot be written leaves the others unaffected.
CREATE OR REPLACE FUNCTION lastri_append(p_appends jsonb, p_genesis_hash text)
RETURNS TABLE (
  ordinal         integer,
  outcome         text,
  stream_version  bigint,
  head_hash       text,
  transaction_id  text,
  positions       bigint[],
  duplicate_ids   uuid[]
)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_key        bigint;
  v_append     jsonb;
  v_ordinal    integer;
  v_stream     text;
  v_expected   bigint;
  v_events     jsonb;
  v_count      integer;
  v_version    bigint;
  v_head       text;
  v_new_head   text;
  v_duplicates uuid[];
  v_positions  bigint[];
BEGIN
  -- Every stream's lock first, in one order (no deadlocks between calls), and advisory locks
  -- rather than row locks: taking them gives this transaction no id, so it gets its id (at its
  -- first write) only once it holds all its streams. A later append to a stream therefore always
  -- has a larger transaction id than an earlier one, and the global order
  -- (transaction_id, global_position) keeps every stream in version order.
  FOR v_key IN
    SELECT DISTINCT hashtextextended(a ->> 'stream', 0) FROM jsonb_array_elements(p_appends) a ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(v_key);
  END LOOP;

  FOR v_append, v_ordinal IN
    SELECT a.value, a.ordinality::integer FROM jsonb_array_elements(p_appends) WITH ORDINALITY a
  LOOP
    v_stream := v_append ->> 'stream';
    v_expected := (v_append ->> 'expected')::bigint;
    v_events := v_append -> 'events';
    v_count := jsonb_array_length(v_events);
    v_duplicates := NULL;
    v_positions := NULL;

    SELECT s.version, s.head_hash INTO v_version, v_head FROM lastri_streams s WHERE s.name = v_stream;
    IF NOT FOUND THEN
      v_version := -1;
      v_head := p_genesis_hash;
    ELSE
      SELECT array_agg(e.id) INTO v_duplicates
        FROM lastri_events e
       WHERE e.stream_name = v_stream
         AND e.id = ANY (ARRAY(SELECT (x ->> 'id')::uuid FROM jsonb_array_elements(v_events) x));
    END IF;

    IF v_duplicates IS NOT NULL THEN
      outcome := CASE WHEN cardinality(v_duplicates) = v_count THEN 'already-appended' ELSE 'partial-duplicate' END;
    ELSIF v_expected IS NOT NULL AND v_expected <> v_version THEN
      outcome := 'wrong-version';
    ELSIF (v_append ->> 'headVersion')::bigint <> v_version OR (v_append ->> 'headHash') IS DISTINCT FROM v_head THEN
      outcome := 'stale-head';
    ELSE
      v_new_head := v_events -> (v_count - 1) ->> 'hash';
      IF v_version = -1 THEN
        INSERT INTO lastri_streams (name, version, head_hash) VALUES (v_stream, v_count - 1, v_new_head);
      ELSE
        UPDATE lastri_streams SET version = v_version + v_count, head_hash = v_new_head WHERE name = v_stream;
      END IF;

      WITH inserted AS (
        INSERT INTO lastri_events AS ev (
          stream_name, stream_version, id, type, schema_version, data, metadata, resident_id,
          recorded_at, prev_hash, hash
        )
        SELECT v_stream, v_version + x.ordinality, (x.event ->> 'id')::uuid, x.event ->> 'type',
               (x.event ->> 'schemaVersion')::integer, x.event -> 'data', x.event -> 'metadata',
               x.event -> 'metadata' ->> 'residentId', (v_append ->> 'recordedAt')::timestamptz,
               x.event ->> 'prevHash', x.event ->> 'hash'
          FROM jsonb_array_elements(v_events) WITH ORDINALITY AS x (event, ordinality)
         ORDER BY x.ordinality
        RETURNING ev.stream_version, ev.global_position
      )
      SELECT array_agg(i.global_position ORDER BY i.stream_version) INTO v_positions FROM inserted i;

      outcome := 'appended';
      v_version := v_version + v_count;
      v_head := v_new_head;
    END IF;

    ordinal := v_ordinal;
    stream_version := v_version;
    head_hash := v_head;
    transaction_id := CASE WHEN v_positions IS NULL THEN NULL ELSE pg_current_xact_id()::text END;
    positions := v_positions;
    duplicate_ids := v_duplicates;
    RETURN NEXT;
  END LOOP;
END
$fn$;
`;
