/**
 * Stopping a service without losing a request. Nest's own shutdown hooks destroy the modules
 * (the event store closed, the relay stopped) before they close the HTTP server, so a request in
 * flight would meet a closed store. Here a signal first stops the server accepting connections
 * and lets the requests in flight finish (at most DRAIN_TIMEOUT_MS), then closes the app (the
 * consumers, relay and subscriptions stop, the store closes), then exits 0.
 */
import { Logger, type INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';

export const DRAIN_TIMEOUT_MS = 10_000;
/** Set by tools/start.mjs, which keeps an IPC channel open to the server it starts. */
export const LAUNCHER_IPC_ENV = 'LASTRI_LAUNCHER_IPC';
const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

export interface GracefulShutdownOptions {
  drainTimeoutMs?: number;
  /** Ends the process; tests replace it. */
  exit?: (code: number) => void;
}

export function stopGracefullyOnSignals(
  app: INestApplication,
  options: GracefulShutdownOptions = {},
): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const logger = new Logger('shutdown');
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return; // Ctrl-C reaches a process group twice; one stop is enough
    stopping = true;
    logger.log(`${reason}: draining HTTP requests, then stopping`);
    stopGracefully(app, options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS).then(
      () => exit(0),
      (error: unknown) => {
        logger.error(`Stopping failed: ${(error as Error).message}`, (error as Error).stack);
        exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
  // Started by tools/start.mjs over an IPC channel: if that launcher dies, so does this server.
  if (process.send && process.env[LAUNCHER_IPC_ENV] === '1')
    process.once('disconnect', () => stop('launcher gone'));
}

/** Stops accepting, waits for the requests in flight (bounded), then closes the app. */
export async function stopGracefully(
  app: INestApplication,
  drainTimeoutMs = DRAIN_TIMEOUT_MS,
): Promise<void> {
  const server = app.getHttpServer() as Server;
  if (server.listening) await drain(server, drainTimeoutMs);
  await app.close();
}

function drain(server: Server, drainTimeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    // A keep-alive connection is closed as soon as its request has been answered.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
