import { systemClock, type Clock } from '@lastri/kernel';
import { SignJWT } from 'jose';
import { actorFromClaims, type ActorClaims } from '../actor/actor-claims';
import { AUTH_ENV, AuthConfigError, type AuthConfig } from '../config/auth-config';
import { durationSeconds, type Duration } from './duration';

export interface MintTokenOptions {
  /** Lifetime: whole seconds or "30m", "8h", "7d". */
  readonly expiresIn: Duration;
  /** Issue time; tests pass a fixed clock to mint tokens that are already expired. */
  readonly clock?: Clock;
}

/**
 * An HS256 token for development and tests, signed with the configured shared secret. In
 * production tokens come from the identity provider; with AUTH_JWKS_URL there is no secret here
 * to sign with. The claims are checked as the verifier would check them, so a minted token is
 * never one the API then refuses.
 */
export async function mintToken(
  config: AuthConfig,
  claims: ActorClaims,
  options: MintTokenOptions,
): Promise<string> {
  if (config.key.kind !== 'shared-secret') {
    throw new AuthConfigError(
      [AUTH_ENV.secret],
      `Minting needs ${AUTH_ENV.secret}: with ${AUTH_ENV.jwksUrl} tokens are signed by the identity provider.`,
    );
  }
  const actor = actorFromClaims({ ...claims });
  const issuedAt = Math.floor((options.clock ?? systemClock).now().getTime() / 1000);
  const payload: Record<string, unknown> = { name: actor.name, roles: actor.roles };
  if (actor.kelurahan.length > 0) payload.kelurahan = actor.kelurahan;
  if (actor.agencyId !== undefined) payload.agencyId = actor.agencyId;

  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setSubject(actor.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + durationSeconds(options.expiresIn))
    .sign(new TextEncoder().encode(config.key.secret));
}
