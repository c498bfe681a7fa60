/**
 * The intake service as deployed: its main.ts run by Node through SWC, configured only by the
 * environment. It serves the API on the configured port, and refuses to start misconfigured.
 */
import { loadAuthConfig, mintToken } from '@lastri/auth';
import { freePort } from '@lastri/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'services/intake/src/main.ts');
const SECRET = 'intake-service-e2e-secret-with-32-bytes-or-more';

function run(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(AUTH_|LASTRI_DEV$|INTAKE_|EVENT_STORE_URL$|PORT$|HOST$|KAFKA_BROKERS$)/.test(name),
    ),
  );
  const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
    cwd: ROOT,
    env: {
      ...clean,
      SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the intake service host', () => {
  jest.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastri-intake-service-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the intake API with the configured store and secret, without Kafka', async () => {
    const port = await freePort();
    const service = run({
      EVENT_STORE_URL: `sqlite:${path.join(dataDir, 'intake.sqlite')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: SECRET,
      INTAKE_NIK_PEPPER: 'intake-service-e2e-pepper',
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      for (let waited = 0; ; waited += 250) {
        if (service.child.exitCode !== null || waited > 90_000) throw new Error(service.output());
        const health = await fetch(`${baseUrl}/health`).catch(() => undefined);
        if (health?.ok) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
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
      service.child.kill('SIGTERM');
      await service.exited;
    }
  });

  it('does not start without its configuration, naming each missing variable', async () => {
    const service = run({});
    expect(await service.exited).toBe(1);
    for (const variable of ['EVENT_STORE_URL', 'AUTH_JWT_SECRET', 'INTAKE_NIK_PEPPER']) {
      expect(service.output()).toContain(variable);
    }
  });
});
