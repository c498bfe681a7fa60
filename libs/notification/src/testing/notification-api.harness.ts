/**
 * The notification module as a host runs it, for tests: a real Nest HTTP application on a loopback
 * port with the real auth guard and HS256 tokens, the given event store and channels, and the
 * embedded event transport delivering the other contexts' events to the consumer.
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

import type { NotificationChannels } from '../application/channels';
import { NotificationModule } from '../notification.module';

const authConfig = loadAuthConfig({ AUTH_JWT_SECRET: 'notification-api-test-secret-at-least-32-bytes' });

/** A response body as the tests read it: the assertions check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type JsonBody = any;

export interface NotificationApi {
  app: INestApplication;
  call(method: 'GET' | 'PUT', path: string, options?: { token?: string; body?: unknown }): Promise<{ status: number; body: JsonBody }>;
  close(): Promise<void>;
}

export async function startNotificationApi(store: EventStore, options: { clock?: Clock; channels?: NotificationChannels } = {}): Promise<NotificationApi> {
  @Module({ imports: [EventStoreModule.forStore(store), AuthModule.forRoot(authConfig), NotificationModule.forRoot({ ...options, dispatcher: false })] })
  class NotificationTestHost {}

  const app = await NestFactory.create<NestExpressApplication>(NotificationTestHost, { logger: false });
  configureHttpHost(app, 'LASTRI notification API');
  const transport = new EmbeddedEventStoreTransport({ store, retry: { maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 20 } });
  await listenWithEventTransport(app, transport, 0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    app,
    async call(method, path, { token, body } = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close: () => app.close(),
  };
}

export function token(claims: ActorClaims): Promise<string> {
  return mintToken(authConfig, claims, { expiresIn: '10m' });
}

export const tokens = {
  supervisor: () => token({ sub: 'supervisor-dinsos-01', name: 'Sri Wahyuni', roles: ['supervisor'] }),
  caseworker: (kelurahan: string) => token({ sub: 'budi', name: 'Budi Santoso', roles: ['caseworker'], kelurahan: [kelurahan] }),
};
