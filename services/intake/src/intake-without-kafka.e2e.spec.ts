/**
 * The intake service when Kafka cannot be reached: it starts and serves HTTP all the same, stores
 * what it is asked to, says through /health/ready that the relay is not running, keeps retrying
 * in the background without an unhandled error, and still stops cleanly.
 */
import { loadAuthConfig, mintToken } from '@lastri/auth';
import { createEventStore } from '@lastri/event-store';
import { freePort, startServiceProcess, waitUntilLive } from '@lastri/testing';
import { sitiRegistration } from '@lastri/intake/src/testing/intake-api.harness';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MAIN = 'services/intake/src/main.ts';
const SECRET = 'intake-without-kafka-e2e-secret-32-bytes-or-more';

describe('the intake service with Kafka down', () => {
  jest.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastri-intake-no-kafka-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves HTTP and stores a registration, reports the relay not ready, and stops cleanly', async () => {
    const [port, closedKafkaPort] = await Promise.all([freePort(), freePort()]);
    const dataFile = path.join(dataDir, 'intake.sqlite');
    const service = startServiceProcess('intake', MAIN, port, {
      EVENT_STORE_URL: `sqlite:${dataFile}`,
      AUTH_JWT_SECRET: SECRET,
      INTAKE_NIK_PEPPER: 'intake-without-kafka-pepper',
      KAFKA_BROKERS: `127.0.0.1:${closedKafkaPort}`,
    });
    const { baseUrl, child } = service;
    try {
      await waitUntilLive([service]);

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
      expect(await service.exited).toBe(0);
      expect(service.output()).not.toMatch(/unhandled/i);

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
