/**
 * Each suite works in its own database, topic or collection on the shared servers, so suites
 * can run in parallel and leave nothing behind that a later run could trip over.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

import { mongoUrl, postgresUrl } from './endpoints';

/** `label` plus a random suffix, safe as a database, topic or group name. */
export function uniqueName(label: string): string {
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${safe}_${randomBytes(5).toString('hex')}`;
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database on the test server. */
export async function scratchPostgresDatabase(label: string): Promise<ScratchDatabase> {
  const serverUrl = await postgresUrl();
  const name = uniqueName(`lastri_test_${label}`);
  await withPostgresClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withPostgresClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
}

/** A MongoDB URL naming a database no other suite uses; it is created on first write. */
export async function scratchMongoUrl(label: string): Promise<string> {
  const url = new URL(await mongoUrl());
  url.pathname = `/${uniqueName(`lastri_test_${label}`)}`;
  return url.toString();
}

/** Runs `work` on a connected client of `url` and always closes the connection after. */
export async function withPostgresClient<T>(
  url: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
