/** What the end-to-end specs need to run a host as a child process of their own. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** A TCP port on loopback that nothing listens on at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** LASTRI's own settings, and npm's, which a child host must not inherit from the test run. */
const HOST_SETTINGS = /^(AUTH_|LASTRI_|INTAKE_|EVENT_STORE_URL$|PORT$|HOST$|KAFKA_BROKERS$|KAFKA_GROUP_PREFIX$|RATE_LIMIT_PER_MINUTE$|npm_)/;

/**
 * The environment a developer has after `npm ci` — none of LASTRI's variables — plus `extra`.
 * Logs at info, since the specs read what the host says.
 */
export function cleanHostEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (HOST_SETTINGS.test(name)) delete env[name];
  return { ...env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...extra };
}

/** A host run as a child process by an end-to-end spec. */
export interface ServiceProcess {
  readonly name: string;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** What it wrote to stdout and stderr so far: a failing spec shows it. */
  output(): string;
  /** SIGTERM (a graceful stop), then waits for the exit. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Runs a service's main.ts (a path from the repository root) as deployed: Node through SWC,
 * configured only by `env` on top of a clean environment, listening on 127.0.0.1:`port`.
 */
export function startServiceProcess(name: string, main: string, port: number, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, main)], {
    cwd: ROOT,
    env: cleanHostEnv({ SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), HOST: '127.0.0.1', PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    name,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until `/health/ready` answers 200; gives up with the services' output, or at once if one exits. */
export function waitUntilReady(services: readonly ServiceProcess[], deadlineMs = 120_000): Promise<void> {
  return waitUntilAnswering(services, '/health/ready', deadlineMs);
}

/** Waits until `/health/live` answers 200: the process serves HTTP, whether or not its dependencies are up. */
export function waitUntilLive(services: readonly ServiceProcess[], deadlineMs = 120_000): Promise<void> {
  return waitUntilAnswering(services, '/health/live', deadlineMs);
}

async function waitUntilAnswering(services: readonly ServiceProcess[], probe: string, deadlineMs: number): Promise<void> {
  await Promise.all(
    services.map(async (service) => {
      const giveUpAt = Date.now() + deadlineMs;
      for (;;) {
        if (service.child.exitCode !== null) throw new Error(`${service.name} exited with ${service.child.exitCode}:\n${service.output()}`);
        const answer = await fetch(`${service.baseUrl}${probe}`).catch(() => undefined);
        if (answer?.ok) return;
        if (Date.now() > giveUpAt) throw new Error(`${service.name} did not answer ${probe}:\n${service.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }),
  );
}

/** Polls `attempt` until it gives a value; gives up after `deadlineMs` showing the services' output. */
export async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, services: readonly ServiceProcess[] = [], deadlineMs = 90_000): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > giveUpAt) {
      throw new Error(`Gave up waiting until ${what}.\n${services.map((service) => `--- ${service.name}\n${service.output()}`).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
