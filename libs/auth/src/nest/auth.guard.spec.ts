import {
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KeySourceUnavailableError } from '../token/token-errors';
import type { TokenVerifier } from '../token/token-verifier';
import { AuthGuard } from './auth.guard';
import { actorOfRequest } from './request-actor';

class AnyController {
  handle() {
    return undefined;
  }
}

function context(type: 'http' | 'rpc', request: object, response: object = {}): ExecutionContext {
  return {
    getType: () => type,
    getHandler: () => AnyController.prototype.handle,
    getClass: () => AnyController,
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => response,
      getNext: () => undefined,
    }),
  } as unknown as ExecutionContext;
}

const budi = {
  sub: 'budi',
  name: 'Budi',
  roles: ['caseworker'] as const,
  kelurahan: ['35.75.04.1011'],
};

describe('AuthGuard', () => {
  it('lets Kafka messages of a hybrid app through: they carry no bearer token', async () => {
    const verifier: TokenVerifier = { verify: jest.fn() };
    const guard = new AuthGuard(new Reflector(), verifier);
    await expect(
      guard.canActivate(context('rpc', { topic: 'lastri.intake.events' })),
    ).resolves.toBe(true);
    expect(verifier.verify).not.toHaveBeenCalled();
  });

  it('takes the token only from a Bearer authorization, in any letter case', async () => {
    const verifier: TokenVerifier = { verify: jest.fn(async () => budi) };
    const guard = new AuthGuard(new Reflector(), verifier);

    const request = { headers: { authorization: 'bearer abc.def.ghi' } };
    await expect(guard.canActivate(context('http', request))).resolves.toBe(true);
    expect(verifier.verify).toHaveBeenCalledWith('abc.def.ghi');
    expect(actorOfRequest(request)).toBe(budi);

    const basic = { headers: { authorization: 'Basic YnVkaTpzZWNyZXQ=' } };
    await expect(guard.canActivate(context('http', basic))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it('sets the challenge through a Fastify-style reply too', async () => {
    const guard = new AuthGuard(new Reflector(), { verify: jest.fn() });
    const reply = { header: jest.fn() };
    await expect(guard.canActivate(context('http', { headers: {} }, reply))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
    expect(reply.header).toHaveBeenCalledWith('WWW-Authenticate', 'Bearer realm="lastri"');
  });

  it('answers 503, not 401, when the identity provider cannot be reached, and logs why', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const verifier: TokenVerifier = {
      verify: async () => {
        throw new KeySourceUnavailableError('key set unreachable', {
          cause: new TypeError('fetch failed'),
        });
      },
    };
    const guard = new AuthGuard(new Reflector(), verifier);
    const request = { headers: { authorization: 'Bearer abc.def.ghi' } };
    await expect(guard.canActivate(context('http', request))).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
    expect(logged).toHaveBeenCalledWith('key set unreachable fetch failed');
    logged.mockRestore();
  });
});
