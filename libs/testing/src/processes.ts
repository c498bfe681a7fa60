/** What the end-to-end specs need to run a host as a child process of their own. */
import { createServer } from 'node:net';

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
const HOST_SETTINGS = /^(AUTH_|LASTRI_|INTAKE_|EVENT_STORE_URL$|PORT$|HOST$|KAFKA_BROKERS$|npm_)/;

/**
 * The environment a developer has after `npm ci` — none of LASTRI's variables — plus `extra`.
 * Logs at info, since the specs read what the host says.
 */
export function cleanHostEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (HOST_SETTINGS.test(name)) delete env[name];
  return { ...env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...extra };
}
