/**
 * Stopping `npm start`: a TERM to the top process (npm itself, or tools/start.mjs) stops the
 * server it started and leaves no process behind; a request in flight when the signal comes is
 * still answered and its events stored, while new connections are refused.
 */
import { loadAuthConfig, mintToken } from '@lastri/auth';
import { createEventStore } from '@lastri/event-store';
import { cleanHostEnv, freePort } from '@lastri/testing';
import { sitiRegistration } from '@lastri/intake/src/testing/intake-api.harness';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const DEADLINE_MS = 90_000;

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Started {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  started: Started,
): Promise<void> {
  const giveUpAt = Date.now() + DEADLINE_MS;
  while (!(await condition())) {
    if (Date.now() > giveUpAt)
      throw new Error(`Gave up waiting until ${what}:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const answers = (url: string) =>
  fetch(url).then(
    (response) => response.ok,
    () => false,
  );

/** Every process below `pid`, from `ps`. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('stopping npm start', () => {
  jest.setTimeout(DEADLINE_MS * 2);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastri-shutdown-'));
  const running: Started[] = [];

  afterAll(async () => {
    for (const { child } of running) {
      for (const pid of child.pid ? descendants(child.pid) : []) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the server when the npm process gets SIGTERM: the port closes and no process remains', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const started = launch(
      'npm',
      ['start'],
      cleanHostEnv({
        PORT: String(port),
        EVENT_STORE_URL: `sqlite:${path.join(dataDir, 'npm.sqlite')}`,
      }),
    );
    running.push(started);
    await until(
      'the server answers /health/live',
      () => answers(`${baseUrl}/health/live`),
      started,
    );
    const tree = descendants(started.child.pid ?? -1);
    expect(tree.length).toBeGreaterThan(0);

    started.child.kill('SIGTERM');

    await until(
      'the port is closed',
      async () => !(await answers(`${baseUrl}/health/live`)),
      started,
    );
    await until('no process of npm start remains', () => tree.every((pid) => !alive(pid)), started);
  });

  it('answers a request in flight when tools/start.mjs gets SIGTERM, refuses new ones, stores its events and exits 0', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const dataFile = path.join(dataDir, 'drain.sqlite');
    const started = launch(
      process.execPath,
      [path.join(ROOT, 'tools/start.mjs')],
      cleanHostEnv({ PORT: String(port), EVENT_STORE_URL: `sqlite:${dataFile}` }),
    );
    running.push(started);
    await until(
      'the server answers /health/live',
      () => answers(`${baseUrl}/health/live`),
      started,
    );
    const token = await mintToken(
      loadAuthConfig({ LASTRI_DEV: '1' }),
      { sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: ['35.75.04.1011'] },
      { expiresIn: '10m' },
    );
    const body = Buffer.from(JSON.stringify(sitiRegistration({ householdMembers: [] })));

    // A request whose body is still arriving when the signal comes.
    let connected = false;
    const inFlight = request(`${baseUrl}/residents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': body.length,
      },
    });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      inFlight.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      inFlight.on('error', reject);
    });
    inFlight.on('socket', (socket) => socket.on('connect', () => (connected = true)));
    inFlight.write(body.subarray(0, 10));
    await until('the request is connected', () => connected, started);
    await new Promise((resolve) => setTimeout(resolve, 300)); // its headers read by the server

    started.child.kill('SIGTERM');
    await until(
      'the server is draining',
      () => started.output().includes('draining HTTP requests'),
      started,
    );
    expect(await answers(`${baseUrl}/health/live`)).toBe(false);

    inFlight.end(body.subarray(10));
    const response = await answered;
    expect(response.status).toBe(201);
    expect(await started.exited).toBe(0);

    const { residentId } = JSON.parse(response.body) as { residentId: string };
    const store = await createEventStore(`sqlite:${dataFile}`);
    try {
      expect((await store.readStream(`intake-${residentId}`)).map((event) => event.type)).toEqual([
        'ResidentRegistered',
      ]);
    } finally {
      await store.close();
    }
  });
});
