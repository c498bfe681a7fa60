import { Body, Controller, Get, HttpCode, Module, Post, UsePipes, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import { configureHttpHost, type HttpHostOptions } from './http-host';
import { requestValidationPipe } from './request-validation';

class AddressDto {
  @IsString()
  street!: string;
}

class ResidentDto {
  @IsString()
  nik!: string;

  @IsString()
  name!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}

const received: unknown[] = [];

@Controller('residents')
@UsePipes(requestValidationPipe())
class ResidentsController {
  @Post()
  @HttpCode(201)
  register(@Body() body: ResidentDto) {
    received.push(body);
    return { name: body.name };
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection to postgres://lastri:secret@10.0.0.5 refused');
  }
}

@Module({ controllers: [ResidentsController] })
class TinyHost {}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function start(options: HttpHostOptions = {}) {
  const app = await NestFactory.create<NestExpressApplication>(TinyHost, { logger: false });
  configureHttpHost(app, 'tiny', { logLevel: 'silent', ...options });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const call = async (method: string, path: string, init: { body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(init.body !== undefined && { 'content-type': 'application/json' }), ...init.headers },
      body: init.body,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : { text } };
  };
  return { app, call };
}

const siti = { nik: '3575045203850001', name: 'Siti Aminah' };

describe('configureHttpHost', () => {
  let app: INestApplication;
  let call: Awaited<ReturnType<typeof start>>['call'];

  beforeAll(async () => ({ app, call } = await start()));
  afterAll(() => app.close());
  beforeEach(() => (received.length = 0));

  it('answers every error as RFC 9457 problem details in Bahasa Indonesia', async () => {
    const response = await call('POST', '/residents', { body: JSON.stringify({ nik: 7, name: 'Siti' }) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'urn:lastri:problem:invalid-request',
      title: 'Permintaan tidak valid',
      status: 400,
      code: 'InvalidRequest',
      errors: [{ field: 'nik', rule: 'isString' }],
    });
  });

  it.each([
    ['an unknown route', 'GET', '/nowhere', undefined, {}, 404, 'RouteNotFound'],
    ['malformed JSON', 'POST', '/residents', '{"nik": ', {}, 400, 'MalformedJson'],
    ['a body over the limit', 'POST', '/residents', JSON.stringify({ ...siti, name: 'x'.repeat(200_000) }), {}, 413, 'BodyTooLarge'],
    ['a body that is not JSON', 'POST', '/residents', 'nik=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'UnsupportedMediaType'],
    ['a body without a content type', 'POST', '/residents', JSON.stringify(siti), { 'content-type': '' }, 415, 'UnsupportedMediaType'],
    ['JSON nested 2,000 deep', 'POST', '/residents', `${'['.repeat(2000)}${']'.repeat(2000)}`, {}, 400, 'JsonTooDeep'],
    ['a __proto__ key', 'POST', '/residents', '{"nik":"1","name":"a","address":{"__proto__":{"admin":true},"street":"x"}}', {}, 400, 'InvalidRequest'],
    ['a constructor key', 'POST', '/residents', '{"nik":"1","name":"a","constructor":{}}', {}, 400, 'InvalidRequest'],
    ['null for an optional object', 'POST', '/residents', JSON.stringify({ ...siti, address: null }), {}, 400, 'InvalidRequest'],
    ['a malformed X-Correlation-Id', 'GET', '/residents/boom', undefined, { 'x-correlation-id': 'has spaces in it' }, 400, 'InvalidRequest'],
  ])('refuses %s with a 4xx problem before any handler runs', async (_what, method, path, body, headers, status, code) => {
    const response = await call(method, path, { body, headers });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:lastri:problem:/) });
    expect(typeof response.body.title).toBe('string');
    expect(typeof response.body.detail).toBe('string');
    expect(received).toEqual([]);
  });

  it('answers a known address with the wrong method 405, saying which methods it takes', async () => {
    const response = await call('DELETE', '/residents', {});
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.body).toMatchObject({ code: 'MethodNotAllowed', type: 'urn:lastri:problem:method-not-allowed', title: 'Metode tidak diizinkan' });
    expect(received).toEqual([]);
  });

  it('names the forbidden key and the null field', async () => {
    const proto = await call('POST', '/residents', { body: '{"nik":"1","name":"a","address":{"__proto__":{}}}' });
    expect(proto.body.errors).toEqual([{ field: 'address.__proto__', rule: 'forbiddenKey', message: 'nama field ini tidak diizinkan' }]);
    const nulled = await call('POST', '/residents', { body: JSON.stringify({ ...siti, address: null }) });
    expect(nulled.body.errors).toEqual([expect.objectContaining({ field: 'address', rule: 'notNull' })]);
  });

  it('refuses a body that is not valid UTF-8 instead of storing U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"nik":"1","name":"Sit'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const response = await call('POST', '/residents', { body });
    expect(response).toMatchObject({ status: 400, body: { code: 'InvalidEncoding' } });
    expect(received).toEqual([]);
  });

  it('answers a failure inside with a generic 500 that leaks nothing', async () => {
    const response = await call('GET', '/residents/boom');
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ status: 500, code: 'InternalError', title: 'Terjadi kesalahan pada server' });
    expect(JSON.stringify(response.body)).not.toMatch(/postgres|secret|10\.0\.0\.5|at /);
  });

  it('echoes a given correlation id and makes one up otherwise', async () => {
    const given = await call('POST', '/residents', { body: JSON.stringify(siti), headers: { 'x-correlation-id': 'req-42' } });
    expect(given.headers.get('x-correlation-id')).toBe('req-42');
    const made = await call('POST', '/residents', { body: JSON.stringify(siti) });
    expect(made.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no-store on API answers, and keeps /docs usable', async () => {
    const response = await call('POST', '/residents', { body: JSON.stringify(siti) });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const docs = await call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-inline'");
    expect((await call('GET', '/docs-json')).body).toMatchObject({ info: { title: 'tiny' } });
  });
});

describe('configureHttpHost rate limit', () => {
  it('answers 429 with Retry-After and a problem once a client exceeds RATE_LIMIT_PER_MINUTE', async () => {
    const { app, call } = await start({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await call('POST', '/residents', { body: JSON.stringify(siti) })).status);
      const refused = await call('POST', '/residents', { body: JSON.stringify(siti) });
      expect(statuses).toEqual([201, 201, 201]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body).toMatchObject({ status: 429, code: 'TooManyRequests', title: 'Terlalu banyak permintaan' });
    } finally {
      await app.close();
    }
  });
});

describe('configureHttpHost logging', () => {
  it('writes one JSON line per request with its correlation id, and no NIK, name or token', async () => {
    const lines: string[] = [];
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const { app, call } = await start({ logLevel: 'info', logDestination: capture });
    try {
      await call('POST', '/residents?nik=3575045203850001', {
        body: JSON.stringify(siti),
        headers: { 'x-correlation-id': 'corr-7', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.secret.token' },
      });
      await call('POST', '/residents', { body: JSON.stringify({ ...siti, name: 'x'.repeat(200_000) }), headers: { 'x-correlation-id': 'corr-8' } });
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const created = entries.find((entry) => entry.correlationId === 'corr-7');
      expect(created).toMatchObject({ level: 30, req: { method: 'POST', route: '/residents' }, res: { status: 201 } });
      expect(typeof created?.durationMs).toBe('number');
      const tooLarge = entries.find((entry) => entry.correlationId === 'corr-8');
      expect(tooLarge).toMatchObject({ level: 40, res: { status: 413 } });
      expect(JSON.stringify(tooLarge)).not.toMatch(/stack|at .*\.js/);
      const all = lines.join('\n');
      expect(all).not.toContain('3575045203850001');
      expect(all).not.toContain('Siti');
      expect(all).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    } finally {
      await app.close();
    }
  });
});
