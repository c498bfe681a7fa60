/**
 * The key API and the guard together, as a host runs them: a real Nest HTTP application on a
 * loopback port with the host's HTTP setup, the real AuthGuard (HS256 tokens), AgencyKeysModule
 * providing the guard's API key verifier, and an in-memory SQLite event store. Requests are real
 * HTTP. A probe route for the agency role stands in for the referral routes.
 */
import {
  AuthModule,
  CurrentActor,
  loadAuthConfig,
  mintToken,
  Roles,
  type Actor,
  type ActorClaims,
} from '@lastri/auth';
import { createEventStore, EventStoreModule, type EventStore } from '@lastri/event-store';
import { configureHttpHost } from '@lastri/service-host';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';

import { AgencyKeysModule } from '../../agency-keys.module';
import { MovableClock } from '../../testing/agency-keys-world';

const authConfig = loadAuthConfig({
  AUTH_JWT_SECRET: 'agency-keys-api-test-secret-at-least-32-bytes',
});
const token = (claims: ActorClaims) => mintToken(authConfig, claims, { expiresIn: '10m' });
const admin = () => token({ sub: 'op-dinsos-01', name: 'Operator Dinsos', roles: ['admin'] });

@Controller('agency-probe')
class AgencyProbeController {
  @Get()
  @Roles('agency')
  whoami(@CurrentActor() actor: Actor) {
    return { agencyId: actor.agencyId, sub: actor.sub, name: actor.name };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies: the assertions check their shape
type Json = any;

describe('agency API keys over HTTP', () => {
  let app: INestApplication;
  let store: EventStore;
  let baseUrl: string;
  const clock = new MovableClock('2025-11-12T02:00:00.000Z');

  beforeAll(async () => {
    store = await createEventStore('sqlite::memory:');
    @Module({
      imports: [
        EventStoreModule.forStore(store),
        AuthModule.forRoot(authConfig),
        AgencyKeysModule.forRoot({ clock }),
      ],
      controllers: [AgencyProbeController],
    })
    class TestHost {}
    const nest = await NestFactory.create<NestExpressApplication>(TestHost, { logger: false });
    configureHttpHost(nest, 'LASTRI agency keys test', { logLevel: 'silent' });
    await nest.listen(0, '127.0.0.1');
    app = nest;
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function call(
    method: 'GET' | 'POST',
    path: string,
    options: { bearer?: string; apiKey?: string; body?: unknown } = {},
  ) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(options.body ?? {}) : undefined,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as Json,
    };
  }

  async function issue(agencyId: string): Promise<Json> {
    const response = await call('POST', `/agencies/${agencyId}/api-keys`, {
      bearer: await admin(),
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('issues a key once, uncached, that then authenticates as the agency through the guard', async () => {
    const response = await call('POST', '/agencies/disnaker/api-keys', { bearer: await admin() });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const issued = response.body;
    expect(issued).toMatchObject({
      agencyId: 'disnaker',
      key: expect.stringMatching(/^lastri_disnaker_/),
      expiresAt: null,
    });

    expect(await call('GET', '/agency-probe', { apiKey: issued.key })).toMatchObject({
      status: 200,
      body: {
        agencyId: 'disnaker',
        sub: `api-key:${issued.keyId}`,
        name: 'Disnaker / BLK Kota Pasuruan',
      },
    });

    const listed = await call('GET', '/agencies/disnaker/api-keys', { bearer: await admin() });
    expect(listed).toMatchObject({
      status: 200,
      body: {
        agencyId: 'disnaker',
        keys: [{ keyId: issued.keyId, keyPrefix: issued.keyPrefix, status: 'ACTIVE' }],
      },
    });
    const secret = issued.key.slice(issued.keyPrefix.length);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(await store.readAll())).not.toContain(secret);
  });

  it('answers 401 problem details once the key is revoked', async () => {
    const issued = await issue('baznas');
    const revoked = await call('POST', `/agencies/baznas/api-keys/${issued.keyId}/revoke`, {
      bearer: await admin(),
      body: { reason: 'Kunci bocor.' },
    });
    expect(revoked).toMatchObject({ status: 200, body: { keyId: issued.keyId } });

    const refused = await call('GET', '/agency-probe', { apiKey: issued.key });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('www-authenticate')).toMatch(
      /^ApiKey realm="lastri", error="invalid_token"/,
    );
    expect(refused.body).toMatchObject({
      status: 401,
      code: 'ApiKeyRejected',
      detail: expect.stringMatching(/^Kunci API ditolak/),
    });
  });

  it('keeps a rotated key working until its grace period ends, and not after', async () => {
    const old = await issue('dinas-pendidikan');
    const rotated = await call('POST', `/agencies/dinas-pendidikan/api-keys/${old.keyId}/rotate`, {
      bearer: await admin(),
      body: { graceHours: 2 },
    });
    expect(rotated).toMatchObject({
      status: 201,
      body: { replaced: { keyId: old.keyId, graceUntil: '2025-11-12T04:00:00.000Z' } },
    });
    expect(rotated.headers.get('cache-control')).toBe('no-store');

    clock.advance(1);
    expect((await call('GET', '/agency-probe', { apiKey: old.key })).status).toBe(200);
    clock.advance(1);
    expect((await call('GET', '/agency-probe', { apiKey: old.key })).status).toBe(401);
    expect((await call('GET', '/agency-probe', { apiKey: rotated.body.key })).status).toBe(200);
  });

  it('refuses a key of one agency presented with another agency’s id', async () => {
    const issued = await issue('lksa');
    await issue('kemensos-upt');
    const tampered = issued.key.replace('lastri_lksa_', 'lastri_kemensos-upt_');
    expect(await call('GET', '/agency-probe', { apiKey: tampered })).toMatchObject({
      status: 401,
      body: { code: 'ApiKeyRejected' },
    });
  });

  it('lets only an admin manage keys: a supervisor, a caseworker and an agency key get 403', async () => {
    const issued = await issue('dispendukcapil');
    const supervisor = await token({ sub: 'sri', name: 'Sri Wahyuni', roles: ['supervisor'] });
    const caseworker = await token({
      sub: 'budi',
      name: 'Budi',
      roles: ['caseworker'],
      kelurahan: ['35.75.04.1011'],
    });
    for (const credentials of [
      { bearer: supervisor },
      { bearer: caseworker },
      { apiKey: issued.key },
    ]) {
      expect(await call('POST', '/agencies/dispendukcapil/api-keys', credentials)).toMatchObject({
        status: 403,
        body: { code: 'RoleNotHeld' },
      });
      expect((await call('GET', '/agencies/dispendukcapil/api-keys', credentials)).status).toBe(
        403,
      );
    }
  });

  it('answers 404 for an unknown agency or key, 400 for a grace period beyond 7 days', async () => {
    const bearer = await admin();
    expect(await call('POST', '/agencies/dinas-pariwisata/api-keys', { bearer })).toMatchObject({
      status: 404,
      body: { code: 'AgencyNotFound' },
    });
    expect(await call('GET', '/agencies/dinas-pariwisata/api-keys', { bearer })).toMatchObject({
      status: 404,
      body: { code: 'AgencyNotFound' },
    });
    expect(
      await call('POST', `/agencies/disnaker/api-keys/${'0'.repeat(32)}/revoke`, {
        bearer,
        body: { reason: 'x' },
      }),
    ).toMatchObject({
      status: 404,
      body: { code: 'ApiKeyNotFound' },
    });
    const issued = await issue('disnaker');
    expect(
      await call('POST', `/agencies/disnaker/api-keys/${issued.keyId}/rotate`, {
        bearer,
        body: { graceHours: 169 },
      }),
    ).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'graceHours' }] },
    });
  });
});
