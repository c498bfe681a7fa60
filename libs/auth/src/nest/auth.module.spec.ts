/**
 * The module as a service uses it: a real Nest HTTP application (Express) on a loopback port,
 * with the global guard from AuthModule.forRoot, called with real HTTP requests.
 */
import { Body, Controller, Get, Logger, Param, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TOKEN_VERIFIER } from './auth.tokens';
import { SignJWT } from 'jose';
import type { AddressInfo } from 'node:net';
import type { Actor } from '../actor/actor';
import { actorId } from '../actor/actor-id';
import { loadAuthConfig } from '../config/auth-config';
import { mintToken } from '../token/mint-token';
import { AuthModule } from './auth.module';
import { CurrentActor } from './current-actor.decorator';
import { assertCanActInKelurahan } from './kelurahan-scope';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';

const KANDANGSAPI = '35.75.04.1011';
const KARANGKETUG = '35.75.01.1001';
const SECRET = 'nest-test-secret-with-more-than-32-bytes';
const config = loadAuthConfig({ AUTH_JWT_SECRET: SECRET });

@Controller()
class HealthController {
  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Controller('residents')
@Roles('caseworker', 'supervisor')
class ResidentsController {
  @Post()
  register(@CurrentActor() actor: Actor, @Body() body: { kelurahan: string }) {
    assertCanActInKelurahan(actor, body.kelurahan);
    return { registeredBy: actorId(actor), kelurahan: body.kelurahan };
  }

  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return { actor: actorId(actor) };
  }

  @Roles('supervisor')
  @Post(':id/override')
  override(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return { overriddenBy: actorId(actor, 'supervisor'), id };
  }
}

describe('AuthModule in a Nest HTTP application', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(config)],
      controllers: [HealthController, ResidentsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  const tokenFor = (claims: Parameters<typeof mintToken>[1]) =>
    mintToken(config, claims, { expiresIn: '5m' });
  const budi = () =>
    tokenFor({
      sub: 'budi',
      name: 'Budi Santoso',
      roles: ['caseworker'],
      kelurahan: [KANDANGSAPI],
    });
  const rina = () => tokenFor({ sub: 'rina', name: 'Rina Wulandari', roles: ['supervisor'] });

  async function call(
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; body?: unknown } = {},
  ) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  it('leaves @Public routes open', async () => {
    expect(await call('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers 401 with a Bearer challenge when no token is sent', async () => {
    const response = await call('GET', '/residents/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="lastri"');
    expect(response.body).toEqual({
      code: 'TokenMissing',
      message: 'Token bearer diperlukan: kirim "Authorization: Bearer <token>".',
    });
  });

  it('answers 401 invalid_token for a token it cannot trust', async () => {
    const forged = await mintToken(
      loadAuthConfig({ AUTH_JWT_SECRET: 'a-different-secret-also-32-bytes-long' }),
      { sub: 'budi', name: 'Budi', roles: ['supervisor'] },
      { expiresIn: '5m' },
    );
    for (const token of ['garbage', forged]) {
      const response = await call('GET', '/residents/me', { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="lastri", error="invalid_token"/,
      );
      expect(response.body).toMatchObject({ code: 'TokenRejected', message: expect.stringMatching(/^Token ditolak: /) });
    }
  });

  it('answers 401 naming the problem for a signed token with an unknown role', async () => {
    const token = await new SignJWT({ name: 'Budi', roles: ['kepala-dinas'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('lastri')
      .setAudience('lastri-api')
      .setSubject('budi')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    const response = await call('GET', '/residents/me', { token });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'TokenRejected', reason: 'invalid-claims' });
    expect(response.headers.get('www-authenticate')).toMatch(/unknown role 'kepala-dinas'/);
  });

  it('answers 200 to an actor holding one of the roles', async () => {
    expect(await call('GET', '/residents/me', { token: await budi() })).toEqual(
      expect.objectContaining({ status: 200, body: { actor: 'caseworker:budi' } }),
    );
  });

  it('answers 403 in Bahasa Indonesia to an actor without the role', async () => {
    const auditor = await tokenFor({ sub: 'bpk-01', name: 'Auditor BPK', roles: ['auditor'] });
    expect(await call('GET', '/residents/me', { token: auditor })).toMatchObject({
      status: 403,
      body: {
        code: 'RoleNotHeld',
        message:
          'Anda tidak memiliki peran yang diperlukan untuk tindakan ini (diperlukan: caseworker atau supervisor).',
      },
    });
    // The route's own @Roles('supervisor') replaces the controller's.
    expect((await call('POST', '/residents/r-1/override', { token: await budi() })).status).toBe(
      403,
    );
    expect(await call('POST', '/residents/r-1/override', { token: await rina() })).toMatchObject({
      status: 201,
      body: { overriddenBy: 'supervisor:rina', id: 'r-1' },
    });
  });

  it('lets a caseworker act only in the kelurahan their token lists; a supervisor anywhere', async () => {
    expect(
      await call('POST', '/residents', { token: await budi(), body: { kelurahan: KANDANGSAPI } }),
    ).toMatchObject({
      status: 201,
      body: { registeredBy: 'caseworker:budi', kelurahan: KANDANGSAPI },
    });
    expect(
      await call('POST', '/residents', { token: await budi(), body: { kelurahan: KARANGKETUG } }),
    ).toMatchObject({
      status: 403,
      body: {
        code: 'OutsideKelurahan',
        message: `Anda tidak berwenang untuk kelurahan ${KARANGKETUG}.`,
      },
    });
    expect(
      (await call('POST', '/residents', { token: await rina(), body: { kelurahan: KARANGKETUG } }))
        .status,
    ).toBe(201);
  });
});

describe('AuthModule with the development secret', () => {
  it('warns loudly at start that anyone can mint tokens', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [AuthModule.forRoot(loadAuthConfig({ LASTRI_DEV: '1' }))],
      }).compile();
      expect(moduleRef.get(TOKEN_VERIFIER)).toBeDefined();
      expect(warned).toHaveBeenCalledWith(expect.stringMatching(/PUBLIC development secret/));
      await moduleRef.close();
    } finally {
      warned.mockRestore();
    }
  });
});
