/**
 * API keys through the global guard, as a host wires them: AuthModule.forRoot and, beside it, a
 * @Global() module that provides API_KEY_VERIFIER (the referral context's AgencyKeysModule in
 * the real hosts). Real HTTP requests against a Nest application on a loopback port.
 */
import { Controller, Get, Global, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { Actor } from '../actor/actor';
import { actorId } from '../actor/actor-id';
import { apiKeyActor, type ApiKeyVerifier } from '../api-key/api-key-verifier';
import { loadAuthConfig } from '../config/auth-config';
import { mintToken } from '../token/mint-token';
import { KeySourceUnavailableError } from '../token/token-errors';
import { AuthModule } from './auth.module';
import { API_KEY_VERIFIER } from './auth.tokens';
import { CurrentActor } from './current-actor.decorator';
import { Roles } from './roles.decorator';

const config = loadAuthConfig({ AUTH_JWT_SECRET: 'api-key-test-secret-with-more-than-32-bytes' });
const DISNAKER_KEY =
  'lastri_disnaker_0123456789abcdef0123456789abcdef_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlYw';
const UNREACHABLE_KEY =
  'lastri_baznas_ffffffffffffffffffffffffffffffff_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlYw';

/** Knows one key; the store behind the other one is down. */
const verifier: ApiKeyVerifier & { presented: string[] } = {
  presented: [],
  async verify(key) {
    this.presented.push(key);
    if (key === UNREACHABLE_KEY) throw new KeySourceUnavailableError('agency keys unreadable');
    return key === DISNAKER_KEY
      ? apiKeyActor({
          keyId: '0123456789abcdef0123456789abcdef',
          agencyId: 'disnaker',
          agencyName: 'Disnaker / BLK Kota Pasuruan',
        })
      : undefined;
  },
};

@Global()
@Module({
  providers: [{ provide: API_KEY_VERIFIER, useValue: verifier }],
  exports: [API_KEY_VERIFIER],
})
class AgencyKeysTestModule {}

@Controller('referrals')
class ReferralsController {
  @Get('mine')
  @Roles('agency')
  mine(@CurrentActor() actor: Actor) {
    return { actor: actorId(actor), agencyId: actor.agencyId, name: actor.name };
  }

  @Get('queue')
  @Roles('supervisor')
  queue() {
    return [];
  }
}

async function start(imports: unknown[]): Promise<{ app: INestApplication; baseUrl: string }> {
  const moduleRef = await Test.createTestingModule({
    imports: imports as never[],
    controllers: [ReferralsController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
  };
}

async function get(baseUrl: string, path: string, headers: Record<string, string>) {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('AuthGuard with an API key verifier from a global module', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    ({ app, baseUrl } = await start([AuthModule.forRoot(config), AgencyKeysTestModule]));
  });
  afterAll(() => app.close());

  it('authenticates a known key, sent either way, as the agency it belongs to', async () => {
    const expected = {
      status: 200,
      body: {
        actor: 'agency:disnaker:api-key:0123456789abcdef0123456789abcdef',
        agencyId: 'disnaker',
        name: 'Disnaker / BLK Kota Pasuruan',
      },
    };
    expect(
      await get(baseUrl, '/referrals/mine', { authorization: `ApiKey ${DISNAKER_KEY}` }),
    ).toMatchObject(expected);
    expect(
      await get(baseUrl, '/referrals/mine', { authorization: `apikey ${DISNAKER_KEY}` }),
    ).toMatchObject(expected);
    expect(await get(baseUrl, '/referrals/mine', { 'x-api-key': DISNAKER_KEY })).toMatchObject(
      expected,
    );
  });

  it('answers 401 with an ApiKey challenge to an unknown key, without echoing it', async () => {
    const response = await get(baseUrl, '/referrals/mine', {
      'x-api-key': 'lastri_disnaker_guess',
    });
    expect(response.status).toBe(401);
    expect(response.challenge).toMatch(/^ApiKey realm="lastri", error="invalid_token"/);
    expect(response.body).toEqual({
      code: 'ApiKeyRejected',
      message: 'Kunci API ditolak: tidak dikenal, sudah dicabut, atau masa berlakunya sudah habis.',
    });
    expect(JSON.stringify(response)).not.toContain('lastri_disnaker_guess');
  });

  it('still answers 403 when the agency lacks the route’s role', async () => {
    const response = await get(baseUrl, '/referrals/queue', { 'x-api-key': DISNAKER_KEY });
    expect(response).toMatchObject({ status: 403, body: { code: 'RoleNotHeld' } });
  });

  it('offers both schemes when no credential is sent, and refuses two credentials at once', async () => {
    const missing = await get(baseUrl, '/referrals/mine', {});
    expect(missing.status).toBe(401);
    expect(missing.challenge).toBe('Bearer realm="lastri", ApiKey realm="lastri"');
    expect(missing.body).toMatchObject({
      code: 'TokenMissing',
      message: expect.stringContaining('X-Api-Key'),
    });

    const token = await mintToken(
      config,
      { sub: 'rina', name: 'Rina', roles: ['supervisor'] },
      { expiresIn: '5m' },
    );
    const both = await get(baseUrl, '/referrals/queue', {
      authorization: `Bearer ${token}`,
      'x-api-key': DISNAKER_KEY,
    });
    expect(both).toMatchObject({ status: 401, body: { code: 'CredentialsAmbiguous' } });
    expect(
      (await get(baseUrl, '/referrals/queue', { authorization: `Bearer ${token}` })).status,
    ).toBe(200);
  });

  it('answers 503 when the keys cannot be read: the key may be perfectly good', async () => {
    const response = await get(baseUrl, '/referrals/mine', { 'x-api-key': UNREACHABLE_KEY });
    expect(response).toMatchObject({ status: 503, body: { code: 'AuthenticationUnavailable' } });
  });
});

describe('AuthGuard without an API key verifier', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    verifier.presented.length = 0;
    ({ app, baseUrl } = await start([AuthModule.forRoot(config)]));
  });
  afterAll(() => app.close());

  it('answers 401 to an API key, as to a token it cannot trust, and offers only Bearer', async () => {
    const sent: Record<string, string>[] = [
      { authorization: `ApiKey ${DISNAKER_KEY}` },
      { 'x-api-key': DISNAKER_KEY },
    ];
    for (const headers of sent) {
      const response = await get(baseUrl, '/referrals/mine', headers);
      expect(response.status).toBe(401);
      expect(response.challenge).toMatch(/^Bearer realm="lastri", error="invalid_token"/);
      expect(response.body).toMatchObject({ code: 'ApiKeyNotAccepted' });
    }
    expect((await get(baseUrl, '/referrals/mine', {})).challenge).toBe('Bearer realm="lastri"');
    expect(verifier.presented).toEqual([]);
  });
});
