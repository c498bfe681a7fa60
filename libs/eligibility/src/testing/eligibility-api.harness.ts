/**
 * The eligibility module as a host runs it, for tests: a real Nest HTTP application on a
 * loopback port with the real auth guard and HS256 tokens, the given event store, and the
 * embedded event transport delivering intake's events to the consumer. Requests are real HTTP.
 */
import { AuthModule, loadAuthConfig, mintToken, type ActorClaims } from '@lastri/auth';
import { EventStoreModule, type EventStore } from '@lastri/event-store';
import type { Clock } from '@lastri/kernel';
import { EmbeddedEventStoreTransport, listenWithEventTransport } from '@lastri/messaging';
import { configureHttpHost } from '@lastri/service-host';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';

import { EligibilityModule } from '../eligibility.module';
import type { RuleCatalogue } from '../domain/rules/rule-catalogue';

const SECRET = 'eligibility-api-test-secret-at-least-32-bytes';
export const authConfig = loadAuthConfig({ AUTH_JWT_SECRET: SECRET });

/**
 * A response body as the tests read it: JSON whose shape the assertions themselves check, so it
 * is typed loosely on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type JsonBody = any;

export interface ApiResponse<T = JsonBody> {
  status: number;
  headers: Headers;
  body: T;
}

export interface EligibilityApi {
  app: INestApplication;
  transport: EmbeddedEventStoreTransport;
  call<T = JsonBody>(
    method: 'GET' | 'POST',
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string | Uint8Array; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export async function startEligibilityApi(store: EventStore, options: { catalogue?: RuleCatalogue; clock?: Clock } = {}): Promise<EligibilityApi> {
  @Module({ imports: [EventStoreModule.forStore(store), AuthModule.forRoot(authConfig), EligibilityModule.forRoot(options)] })
  class EligibilityTestHost {}

  const app = await NestFactory.create<NestExpressApplication>(EligibilityTestHost, { logger: false });
  configureHttpHost(app, 'LASTRI eligibility API');
  const transport = new EmbeddedEventStoreTransport({ store, retry: { maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 20 } });
  await listenWithEventTransport(app, transport, 0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    app,
    transport,
    async call(method, path, { token, body, rawBody, headers = {} } = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
    close: () => app.close(),
  };
}

export function token(claims: ActorClaims): Promise<string> {
  return mintToken(authConfig, claims, { expiresIn: '10m' });
}

export const tokens = {
  supervisor: () => token({ sub: 'supervisor-dinsos-01', name: 'Sri Wahyuni', roles: ['supervisor'] }),
  admin: () => token({ sub: 'kepala-dinas', name: 'Kepala Dinas', roles: ['admin'] }),
  auditor: () => token({ sub: 'auditor-inspektorat', name: 'Auditor Inspektorat', roles: ['auditor'] }),
  caseworker: () => token({ sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: ['35.75.04.1011'] }),
};

/** Waits for something asynchronous; the deadline only turns a hang into a readable failure. */
export async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, deadlineMs = 20_000): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting until ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
