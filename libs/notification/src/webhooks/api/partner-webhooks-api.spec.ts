/**
 * The webhooks module as a host runs it: real HTTP with the real auth guard, the embedded event
 * transport delivering referral events to the partner-delivery consumer, and the worker sending.
 */
import { EventTypes, residentStreamName } from '@lastri/contracts';
import { AuthModule, loadAuthConfig, mintToken, type ActorClaims } from '@lastri/auth';
import { createEventStore, EventStoreModule, type EventStore } from '@lastri/event-store';
import { newId } from '@lastri/kernel';
import { EmbeddedEventStoreTransport, listenWithEventTransport } from '@lastri/messaging';
import { configureHttpHost } from '@lastri/service-host';
import { eventually } from '@lastri/testing';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

import { WebhooksModule } from '../../webhooks.module';
import { WebhookReceiver } from '../testing/webhook-receiver';

const authConfig = loadAuthConfig({ AUTH_JWT_SECRET: 'webhooks-api-test-secret-at-least-32-bytes' });
const token = (claims: ActorClaims) => mintToken(authConfig, claims, { expiresIn: '10m' });
const admin = () => token({ sub: 'op-01', name: 'Operator', roles: ['admin'] });
const agency = (agencyId: string) => token({ sub: `petugas-${agencyId}`, name: `Petugas ${agencyId}`, roles: ['agency'], agencyId });

describe('partner webhooks API', () => {
  let store: EventStore;
  let app: NestExpressApplication;
  let baseUrl: string;
  let endpoint: WebhookReceiver;

  beforeAll(async () => {
    store = await createEventStore('sqlite::memory:');
    endpoint = await WebhookReceiver.start();
    @Module({ imports: [EventStoreModule.forStore(store), AuthModule.forRoot(authConfig), WebhooksModule.forRoot({ allowPrivateTargets: true, worker: { everyMs: 100 } })] })
    class WebhooksTestHost {}
    app = await NestFactory.create<NestExpressApplication>(WebhooksTestHost, { logger: false });
    configureHttpHost(app, 'LASTRI webhooks API');
    const transport = new EmbeddedEventStoreTransport({ store, retry: { maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 20 } });
    await listenWithEventTransport(app, transport, 0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await endpoint.close();
    await store.close();
  });

  async function call(method: 'GET' | 'POST', path: string, bearer: string, body?: unknown) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  it('lets an agency subscribe, delivers its referral signed, and keeps other agencies out', async () => {
    const created = await call('POST', '/agencies/disnaker/webhook-subscriptions', await agency('disnaker'), { endpointUrl: endpoint.url, eventTypes: ['ReferralCreated'] });
    expect(created.status).toBe(201);
    expect(created.body.secret.secret).toMatch(/^whsec_/);

    expect((await call('GET', '/agencies/disnaker/webhook-subscriptions', await agency('baznas'))).status).toBe(403);
    expect((await call('POST', '/agencies/disnaker/webhook-subscriptions', await agency('baznas'), { endpointUrl: endpoint.url, eventTypes: ['ReferralCreated'] })).status).toBe(403);
    const listed = await call('GET', '/agencies/disnaker/webhook-subscriptions', await admin());
    expect(listed.body).toEqual([expect.objectContaining({ subscriptionId: created.body.subscriptionId, enabled: true })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret.secret);

    const residentId = newId();
    const referralId = newId();
    const at = new Date().toISOString();
    await store.append(residentStreamName('referral', residentId), [
      {
        id: newId(),
        type: EventTypes.ReferralCreated,
        schemaVersion: 1,
        metadata: { residentId, correlationId: newId(), actor: 'service:referral', occurredAt: at },
        data: {
          referralId, caseId: newId(), residentId, kelurahanCode: '35.75.04.1011', determinationId: newId(),
          cause: { kind: 'ELIGIBILITY_DETERMINED', eventId: newId() }, programme: 'KERJA', agencyId: 'disnaker',
          needCategory: 'EMPLOYMENT', priority: 'PRIORITY', routingTableVersion: '2025.1', createdAt: at,
          acknowledgeDueAt: at, decideDueAt: at,
        },
      },
    ], 'no-stream');

    const [received] = await eventually('the endpoint received the referral', async () => (endpoint.received.length > 0 ? endpoint.received : undefined));
    const event = new Webhook(created.body.secret.secret).verify(received.body, {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
      'webhook-signature': String(received.headers['webhook-signature']),
    }) as { data: Record<string, unknown> };
    expect(event.data).toMatchObject({ referralId, programme: 'KERJA', agencyId: 'disnaker' });

    const deliveries = await eventually('the delivery is recorded', async () => {
      const answer = await call('GET', '/agencies/disnaker/webhook-deliveries?status=delivered', await agency('disnaker'));
      return answer.body.length > 0 ? answer.body : undefined;
    });
    expect(deliveries).toEqual([expect.objectContaining({ eventType: 'ReferralCreated', status: 'DELIVERED', attempts: 1 })]);
    expect((await call('GET', '/agencies/disnaker/webhook-deliveries?status=dead', await admin())).body).toEqual([]);
  });

  it('answers a refused endpoint and an unknown subscription as problems in Bahasa Indonesia', async () => {
    const refused = await call('POST', '/agencies/disnaker/webhook-subscriptions', await admin(), { endpointUrl: 'ftp://example.org/x', eventTypes: ['ReferralCreated'] });
    expect(refused.status).toBe(400);
    const unknown = await call('POST', `/agencies/disnaker/webhook-subscriptions/${newId()}/disable`, await admin());
    expect(unknown).toMatchObject({ status: 404, body: { code: 'SubscriptionNotFound', detail: expect.stringContaining('tidak ditemukan') } });
    const retryByAgency = await call('POST', `/agencies/disnaker/webhook-deliveries/${newId()}/retry`, await agency('disnaker'));
    expect(retryByAgency.status).toBe(403);
  });
});
