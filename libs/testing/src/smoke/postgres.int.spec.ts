import { scratchPostgresDatabase, withPostgresClient, type ScratchDatabase } from '../isolation';

describe('PostgreSQL test server', () => {
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await scratchPostgresDatabase('smoke');
  });
  afterAll(() => database?.drop());

  it('round-trips a row through a scratch database and has the xact-id functions the event store needs', async () => {
    await withPostgresClient(database.url, async (client) => {
      await client.query('CREATE TABLE kelurahan (code text PRIMARY KEY, name text NOT NULL)');
      await client.query('INSERT INTO kelurahan VALUES ($1, $2)', ['35.75.04.1011', 'Kandangsapi']);
      const { rows } = await client.query('SELECT name FROM kelurahan WHERE code = $1', ['35.75.04.1011']);
      expect(rows).toEqual([{ name: 'Kandangsapi' }]);

      const snapshot = await client.query(
        'SELECT pg_current_xact_id()::text AS xid, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
      );
      expect(BigInt(snapshot.rows[0].xid)).toBeGreaterThanOrEqual(BigInt(snapshot.rows[0].xmin));
    });
  });
});
