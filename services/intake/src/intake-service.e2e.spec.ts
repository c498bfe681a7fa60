/**
 * The intake service as deployed: its main.ts run by Node through SWC, configured only by the
 * environment. It serves the API on the configured port, and refuses to start misconfigured.
 */
import { loadAuthConfig, mintToken } from '@lastri/auth';
import { freePort, startServiceProcess, waitUntilReady } from '@lastri/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MAIN = 'services/intake/src/main.ts';
const SECRET = 'intake-service-e2e-secret-with-32-bytes-or-more';

describe('the intake service host', () => {
  jest.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastri-intake-service-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the intake API with the configured store and secret, without Kafka', async () => {
    const service = startServiceProcess('intake', MAIN, await freePort(), {
      EVENT_STORE_URL: `sqlite:${path.join(dataDir, 'intake.sqlite')}`,
      AUTH_JWT_SECRET: SECRET,
      INTAKE_NIK_PEPPER: 'intake-service-e2e-pepper',
    });
    const { baseUrl } = service;
    try {
      await waitUntilReady([service]);
      expect(service.output()).toContain('KAFKA_BROKERS not set: no relay to Kafka.');
      expect(
        (await fetch(`${baseUrl}/residents/6f1d7c2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f`)).status,
      ).toBe(401);
      const token = await mintToken(
        loadAuthConfig({ AUTH_JWT_SECRET: SECRET }),
        { sub: 'rina', name: 'Rina', roles: ['supervisor'] },
        { expiresIn: '5m' },
      );
      const missing = await fetch(`${baseUrl}/residents/6f1d7c2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(missing.status).toBe(404);
      expect((await fetch(`${baseUrl}/docs-json`)).status).toBe(200);
    } finally {
      await service.stop();
    }
  });

  it('does not start without its configuration, naming each missing variable', async () => {
    const service = startServiceProcess('intake (misconfigured)', MAIN, await freePort(), {});
    expect(await service.exited).toBe(1);
    for (const variable of ['EVENT_STORE_URL', 'AUTH_JWT_SECRET', 'INTAKE_NIK_PEPPER']) {
      expect(service.output()).toContain(variable);
    }
  });
});
