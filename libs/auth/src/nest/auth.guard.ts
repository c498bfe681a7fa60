import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '../actor/actor';
import type { Role } from '../actor/role';
import { KeySourceUnavailableError, TokenRejectedError, type TokenRejectionReason } from '../token/token-errors';
import type { TokenVerifier } from '../token/token-verifier';
import { TOKEN_VERIFIER } from './auth.tokens';
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
 * is @Public(), and an actor holding one of its @Roles(). Answers 401 with a WWW-Authenticate
 * challenge (RFC 6750), 403 for a missing role, 503 when the identity provider's keys are out of
 * reach; each as `{ code, message }` in Bahasa Indonesia, which the host renders as problem details.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
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
    const token = bearerToken(request.headers?.authorization);
    if (token === undefined) {
      setHeader(response, 'WWW-Authenticate', `Bearer realm="${REALM}"`);
      throw new UnauthorizedException({
        code: 'TokenMissing',
        message: 'Token bearer diperlukan: kirim "Authorization: Bearer <token>".',
      });
    }
    try {
      return await this.verifier.verify(token);
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
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  return match?.[1];
}

function setHeader(response: HttpResponseLike, name: string, value: string): void {
  if (typeof response.setHeader === 'function') response.setHeader(name, value);
  else if (typeof response.header === 'function') response.header(name, value);
}

/** RFC 6750 error_description allows printable ASCII except `"` and `\`; token text can hold anything. */
function headerSafe(text: string): string {
  return text.replace(/"/g, "'").replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '?');
}
