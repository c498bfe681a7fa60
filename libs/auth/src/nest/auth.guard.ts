import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  Optional,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '../actor/actor';
import type { Role } from '../actor/role';
import type { ApiKeyVerifier } from '../api-key/api-key-verifier';
import { KeySourceUnavailableError, TokenRejectedError, type TokenRejectionReason } from '../token/token-errors';
import type { TokenVerifier } from '../token/token-verifier';
import { API_KEY_VERIFIER, TOKEN_VERIFIER } from './auth.tokens';
import { IS_PUBLIC_KEY } from './public.decorator';
import { attachActor } from './request-actor';
import { ROLES_KEY } from './roles.decorator';

interface HttpRequestLike {
  headers?: Record<string, string | string[] | undefined>;
}

/** Express has setHeader, Fastify's reply has header: the guard works with either adapter. */
interface HttpResponseLike {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}

const REALM = 'lastri';

const REJECTION: Record<TokenRejectionReason, string> = {
  malformed: 'bukan token JWT yang sah',
  'bad-signature': 'tanda tangannya tidak sah',
  'unknown-key': 'kunci penandatangannya tidak dikenal',
  'algorithm-not-allowed': 'algoritmenya tidak diizinkan',
  expired: 'masa berlakunya sudah habis',
  'not-yet-valid': 'belum berlaku',
  'wrong-issuer': 'diterbitkan oleh penerbit yang tidak dikenal',
  'wrong-audience': 'tidak ditujukan untuk API ini',
  'invalid-claims': 'isinya (klaim) tidak sah, mis. peran yang tidak dikenal',
};

/**
 * Registered globally by AuthModule.forRoot: every HTTP route needs a valid bearer token unless it
 * is @Public(), and an actor holding one of its @Roles(). When the host provides an ApiKeyVerifier
 * (API_KEY_VERIFIER, from a global module), a partner agency's API key authenticates too. Answers
 * 401 with a WWW-Authenticate challenge (RFC 6750), 403 for a missing role, 503 when the keys to
 * check a credential against are out of reach; each as `{ code, message }` in Bahasa Indonesia,
 * which the host renders as problem details.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Optional() @Inject(API_KEY_VERIFIER) private readonly apiKeys?: ApiKeyVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // A hybrid app's Kafka consumers pass through global guards too (inheritAppConfig: true). A
    // message carries no bearer token: its trust comes from the broker's own authentication.
    if (context.getType() !== 'http') return true;

    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequestLike>();
    const actor = await this.authenticate(request, http.getResponse<HttpResponseLike>());
    attachActor(request, actor);

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required !== undefined && !required.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenException({
        code: 'RoleNotHeld',
        message: `Anda tidak memiliki peran yang diperlukan untuk tindakan ini (diperlukan: ${required.join(' atau ')}).`,
      });
    }
    return true;
  }

  private async authenticate(request: HttpRequestLike, response: HttpResponseLike): Promise<Actor> {
    const credential = credentialOf(request.headers);
    switch (credential.kind) {
      case 'bearer':
        return this.verifyOrExplain(() => this.verifier.verify(credential.value), response);
      case 'api-key':
        return this.authenticateApiKey(credential.value, response);
      case 'ambiguous':
        setHeader(response, 'WWW-Authenticate', this.challenges());
        throw new UnauthorizedException({
          code: 'CredentialsAmbiguous',
          message: 'Kirim satu kredensial saja: header Authorization atau X-Api-Key, bukan keduanya.',
        });
      case 'none':
        setHeader(response, 'WWW-Authenticate', this.challenges());
        throw new UnauthorizedException({
          code: 'TokenMissing',
          message:
            this.apiKeys === undefined
              ? 'Token bearer diperlukan: kirim "Authorization: Bearer <token>".'
              : 'Kredensial diperlukan: kirim "Authorization: Bearer <token>", atau kunci API lembaga mitra sebagai "Authorization: ApiKey <kunci>" atau "X-Api-Key: <kunci>".',
        });
    }
  }

  private async authenticateApiKey(key: string, response: HttpResponseLike): Promise<Actor> {
    const verifier = this.apiKeys;
    if (verifier === undefined) {
      setHeader(
        response,
        'WWW-Authenticate',
        `Bearer realm="${REALM}", error="invalid_token", error_description="API keys are not accepted by this service"`,
      );
      throw new UnauthorizedException({
        code: 'ApiKeyNotAccepted',
        message: 'Layanan ini tidak menerima kunci API: kirim "Authorization: Bearer <token>".',
      });
    }
    // The key itself is never logged nor echoed: only that it was refused.
    const actor = await this.verifyOrExplain(() => verifier.verify(key), response);
    if (actor !== undefined) return actor;
    setHeader(
      response,
      'WWW-Authenticate',
      `ApiKey realm="${REALM}", error="invalid_token", error_description="unknown, revoked or expired API key"`,
    );
    throw new UnauthorizedException({
      code: 'ApiKeyRejected',
      message: 'Kunci API ditolak: tidak dikenal, sudah dicabut, atau masa berlakunya sudah habis.',
    });
  }

  private async verifyOrExplain<T>(verify: () => Promise<T>, response: HttpResponseLike): Promise<T> {
    try {
      return await verify();
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        setHeader(
          response,
          'WWW-Authenticate',
          `Bearer realm="${REALM}", error="invalid_token", error_description="${headerSafe(error.message)}"`,
        );
        // The header keeps the verifier's technical reason for developers; the body speaks to people.
        throw new UnauthorizedException({
          code: 'TokenRejected',
          message: `Token ditolak: ${REJECTION[error.reason]}.`,
          reason: error.reason,
        });
      }
      if (error instanceof KeySourceUnavailableError) {
        this.logger.error(
          `${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}`.trim(),
        );
        throw new ServiceUnavailableException({
          code: 'AuthenticationUnavailable',
          message: 'Autentikasi sedang tidak tersedia; coba lagi sebentar lagi.',
        });
      }
      throw error;
    }
  }

  /** Every scheme this guard accepts, each a challenge (RFC 9110 §11.6.1 allows several). */
  private challenges(): string {
    const bearer = `Bearer realm="${REALM}"`;
    return this.apiKeys === undefined ? bearer : `${bearer}, ApiKey realm="${REALM}"`;
  }
}

type Credential =
  | { kind: 'bearer' | 'api-key'; value: string }
  | { kind: 'none' }
  | { kind: 'ambiguous' };

/**
 * A bearer token or an API key from `Authorization` (scheme in any letter case), or an API key
 * from `X-Api-Key`. Both headers at once is refused rather than one silently preferred: a client
 * sending two credentials does not know which one it is acting with.
 */
function credentialOf(headers: HttpRequestLike['headers']): Credential {
  const authorization = schemeCredential(headers?.authorization);
  const header = headers?.['x-api-key'];
  const apiKeyHeader = typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
  if (apiKeyHeader !== undefined && headers?.authorization !== undefined) return { kind: 'ambiguous' };
  if (apiKeyHeader !== undefined) return { kind: 'api-key', value: apiKeyHeader };
  return authorization ?? { kind: 'none' };
}

function schemeCredential(header: string | string[] | undefined): Credential | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^(Bearer|ApiKey) +([^\s]+) *$/i.exec(header);
  if (match === null) return undefined;
  return { kind: match[1].toLowerCase() === 'bearer' ? 'bearer' : 'api-key', value: match[2] };
}

function setHeader(response: HttpResponseLike, name: string, value: string): void {
  if (typeof response.setHeader === 'function') response.setHeader(name, value);
  else if (typeof response.header === 'function') response.header(name, value);
}

/** RFC 6750 error_description allows printable ASCII except `"` and `\`; token text can hold anything. */
function headerSafe(text: string): string {
  return text.replace(/"/g, "'").replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '?');
}
