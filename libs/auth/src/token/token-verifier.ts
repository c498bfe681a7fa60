import { systemClock, type Clock } from '@lastri/kernel';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { actorFromClaims, InvalidClaimsError } from '../actor/actor-claims';
import type { Actor } from '../actor/actor';
import type { AuthConfig } from '../config/auth-config';
import {
  KeySourceUnavailableError,
  TokenRejectedError,
  type TokenRejectionReason,
} from './token-errors';

export interface TokenVerifier {
  /**
   * The actor a bearer token vouches for. Throws TokenRejectedError for a token that must not be
   * trusted, KeySourceUnavailableError when the identity provider's keys cannot be fetched.
   */
  verify(token: string): Promise<Actor>;
}

/**
 * Asymmetric algorithms accepted from a JWKS. Listing them (and only HS256 for a secret) is what
 * stops algorithm confusion: a token signed HS256 with a public key as the "secret", or "none".
 */
const JWKS_ALGORITHMS = ['RS256', 'ES256'];
const SECRET_ALGORITHMS = ['HS256'];

/** Bounds a request's wait on the identity provider; jose caches the key set between fetches. */
const JWKS_TIMEOUT_MS = 5_000;

export function createTokenVerifier(
  config: AuthConfig,
  options: { clock?: Clock } = {},
): TokenVerifier {
  const clock = options.clock ?? systemClock;
  const verifyOptions = (): JWTVerifyOptions => ({
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: config.clockToleranceSeconds,
    currentDate: clock.now(),
    // A token without exp would be valid forever once leaked.
    requiredClaims: ['exp'],
  });

  let verifySignature: (token: string) => Promise<JWTPayload>;
  if (config.key.kind === 'jwks') {
    const keySet = createRemoteJWKSet(config.key.url, { timeoutDuration: JWKS_TIMEOUT_MS });
    verifySignature = async (token) =>
      (await jwtVerify(token, keySet, { ...verifyOptions(), algorithms: JWKS_ALGORITHMS })).payload;
  } else {
    const secret = new TextEncoder().encode(config.key.secret);
    verifySignature = async (token) =>
      (await jwtVerify(token, secret, { ...verifyOptions(), algorithms: SECRET_ALGORITHMS }))
        .payload;
  }
  const keyFromNetwork = config.key.kind === 'jwks';

  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        payload = await verifySignature(token);
      } catch (error) {
        throw translateJoseError(error, keyFromNetwork);
      }
      try {
        return actorFromClaims(payload);
      } catch (error) {
        if (error instanceof InvalidClaimsError) {
          throw new TokenRejectedError(
            'invalid-claims',
            `Token claims are invalid: ${error.message}`,
            { cause: error },
          );
        }
        throw error;
      }
    },
  };
}

/** jose's errors by their stable codes (not classes, which differ between module copies). */
function translateJoseError(error: unknown, keyFromNetwork: boolean): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const reject = (reason: TokenRejectionReason, message: string) =>
    new TokenRejectedError(reason, message, { cause: error });
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return reject('expired', 'Token has expired.');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as { claim: string; reason: string };
      if (claim === 'iss')
        return reject('wrong-issuer', 'Token was issued by an unexpected issuer.');
      if (claim === 'aud')
        return reject('wrong-audience', 'Token is not meant for this API (audience).');
      if (claim === 'nbf') return reject('not-yet-valid', 'Token is not valid yet (nbf).');
      if (reason === 'missing')
        return reject('invalid-claims', `Token claims are invalid: "${claim}" is missing.`);
      return reject('invalid-claims', `Token claims are invalid: "${claim}" (${reason}).`);
    }
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return reject('bad-signature', 'Token signature is invalid.');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return reject(
        'algorithm-not-allowed',
        'Token is signed with an algorithm this API does not accept.',
      );
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return reject(
        'unknown-key',
        'Token is signed with a key the identity provider does not publish.',
      );
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return reject('malformed', 'Token is not a well-formed signed JWT.');
  }
  // What remains comes from fetching the key set (network errors, timeouts, a non-200 answer or
  // a body that is no JWKS): the token was never judged.
  if (keyFromNetwork) {
    return new KeySourceUnavailableError(
      "The identity provider's key set (AUTH_JWKS_URL) could not be fetched.",
      {
        cause: error,
      },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
