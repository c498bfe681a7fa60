/**
 * The intake service when Kafka cannot be reached: it starts and serves HTTP all the same, stores
 * what it is asked to, says through /health/ready that the relay is not running, keeps retrying
 * in the background without an unhandled error, and still stops cleanly.
 */
import { loadAuthConfig, mintToken } from '@lastri/auth';
import { createEventStore } from '@lastri/event-store';
import { freePort } from '@lastri/testing';
import { sitiRegistration } from '@lastri/intake/src/testing/intake-api.harness';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'services/intake/src/main.ts');
const SECRET = 'intake-without-kafka-e2e-secret-32-bytes-or-more';

describe('the intake service with Kafka down', () => {
  jest.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastri-intake-no-kafka-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves HTTP and stores a registration, reports the relay not ready, and stops cleanly', async () => {
    const [port, closedKafkaPort] = await Promise.all([freePort(), freePort()]);
    const dataFile = path.join(dataDir, 'intake.sqlite');
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !/^(AUTH_|LASTRI_|INTAKE_|EVENT_STORE_URL$|PORT$|HOST$|KAFKA_)/.test(name),
      ),
    );
    const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
      cwd: ROOT,
      env: {
        ...clean,
        SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
        LOG_LEVEL: 'info',
        EVENT_STORE_URL: `sqlite:${dataFile}`,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_JWT_SECRET: SECRET,
        INTAKE_NIK_PEPPER: 'intake-without-kafka-pepper',
        KAFKA_BROKERS: `127.0.0.1:${closedKafkaPort}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      for (let waited = 0; ; waited += 250) {
        if (child.exitCode !== null || waited > 90_000) throw new Error(output);
        const live = await fetch(`${baseUrl}/health/live`).catch(() => undefined);
        if (live?.ok) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      const ready = await fetch(`${baseUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'error',
        info: { eventStore: { status: 'up' } },
        error: { relay: { status: 'down' } },
      });

      const token = await mintToken(
        loadAuthConfig({ AUTH_JWT_SECRET: SECRET }),
        { sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: ['35.75.04.1011'] },
        { expiresIn: '5m' },
      );
      const registered = await fetch(`${baseUrl}/residents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(sitiRegistration({ householdMembers: [] })),
      });
      expect(registered.status).toBe(201);
      const { residentId } = (await registered.json()) as { residentId: string };
      expect(child.exitCode).toBeNull();

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).not.toMatch(/unhandled/i);

      const store = await createEventStore(`sqlite:${dataFile}`);
      try {
        expect((await store.readStream(`intake-${residentId}`)).map((event) => event.type)).toEqual(
          ['ResidentRegistered'],
        );
      } finally {
        await store.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
