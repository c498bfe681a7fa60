/**
 * How a LASTRI API learns to trust a bearer token: read once at start from the environment and
 * validated, so a misconfigured service stops with a message naming the variable instead of
 * answering every request with 401.
 */

/** The key that verifies tokens: a secret shared with the issuer, or the issuer's published JWKS. */
export type AuthKeyConfig =
  | {
      readonly kind: 'shared-secret';
      /** HS256 secret (its UTF-8 bytes are the key). */
      readonly secret: string;
      /** True when this is INSECURE_DEV_JWT_SECRET, chosen because LASTRI_DEV=1 and no secret was set. */
      readonly insecureDevelopmentDefault: boolean;
    }
  | { readonly kind: 'jwks'; readonly url: URL };

export interface AuthConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly key: AuthKeyConfig;
  /** Allowed clock skew between the issuer and this service when checking exp and nbf. */
  readonly clockToleranceSeconds: number;
}

/** A variable is missing, malformed or contradicts another; `variables` names the culprits. */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
  constructor(
    readonly variables: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

export const AUTH_ENV = {
  secret: 'AUTH_JWT_SECRET',
  jwksUrl: 'AUTH_JWKS_URL',
  issuer: 'AUTH_ISSUER',
  audience: 'AUTH_AUDIENCE',
  clockTolerance: 'AUTH_CLOCK_TOLERANCE_SECONDS',
  dev: 'LASTRI_DEV',
} as const;

export const DEFAULT_ISSUER = 'lastri';
export const DEFAULT_AUDIENCE = 'lastri-api';
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
const MAX_CLOCK_TOLERANCE_SECONDS = 300;

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output, 256 bits. */
export const MIN_SECRET_BYTES = 32;

/**
 * Public on purpose: it is in the source code, so anyone can mint tokens for it. Used only when
 * LASTRI_DEV=1 and no AUTH_JWT_SECRET is set, so that a developer's `npm start` and
 * `lastri token` agree without configuration; refused when NODE_ENV=production.
 */
export const INSECURE_DEV_JWT_SECRET =
  'lastri-INSECURE-development-jwt-secret-never-use-in-production';

export type Env = Readonly<Record<string, string | undefined>>;

export function loadAuthConfig(env: Env): AuthConfig {
  return {
    issuer: nonBlank(env, AUTH_ENV.issuer) ?? DEFAULT_ISSUER,
    audience: nonBlank(env, AUTH_ENV.audience) ?? DEFAULT_AUDIENCE,
    key: loadKey(env),
    clockToleranceSeconds: loadClockTolerance(env),
  };
}

export function isDevelopmentMode(env: Env): boolean {
  return env[AUTH_ENV.dev] === '1';
}

function loadKey(env: Env): AuthKeyConfig {
  // Not nonBlank(): leading or trailing spaces may be part of a secret.
  const secret = env[AUTH_ENV.secret] === '' ? undefined : env[AUTH_ENV.secret];
  const jwksUrl = nonBlank(env, AUTH_ENV.jwksUrl);

  if (secret !== undefined && jwksUrl !== undefined) {
    throw new AuthConfigError(
      [AUTH_ENV.secret, AUTH_ENV.jwksUrl],
      `Set either ${AUTH_ENV.secret} (HS256 shared secret) or ${AUTH_ENV.jwksUrl} (RS256/ES256 keys of an ` +
        `identity provider), not both: a service that accepts both would let the holder of the secret ` +
        `impersonate anyone the identity provider vouches for.`,
    );
  }
  if (jwksUrl !== undefined) return { kind: 'jwks', url: parseJwksUrl(jwksUrl) };
  if (secret !== undefined)
    return {
      kind: 'shared-secret',
      secret: checkedSecret(secret),
      insecureDevelopmentDefault: false,
    };

  if (isDevelopmentMode(env)) {
    if (env.NODE_ENV === 'production') {
      throw new AuthConfigError(
        [AUTH_ENV.dev, AUTH_ENV.secret],
        `${AUTH_ENV.dev}=1 with NODE_ENV=production: the built-in development secret is public and is ` +
          `refused in production. Set ${AUTH_ENV.secret} or ${AUTH_ENV.jwksUrl}.`,
      );
    }
    return {
      kind: 'shared-secret',
      secret: INSECURE_DEV_JWT_SECRET,
      insecureDevelopmentDefault: true,
    };
  }
  throw new AuthConfigError(
    [AUTH_ENV.secret, AUTH_ENV.jwksUrl],
    `Neither ${AUTH_ENV.secret} nor ${AUTH_ENV.jwksUrl} is set: one of them must say how bearer tokens are ` +
      `verified (on a developer machine, ${AUTH_ENV.dev}=1 uses a built-in insecure secret).`,
  );
}

function checkedSecret(secret: string): string {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_SECRET_BYTES) {
    throw new AuthConfigError(
      [AUTH_ENV.secret],
      `${AUTH_ENV.secret} is ${bytes} bytes long; HS256 needs at least ${MIN_SECRET_BYTES} random bytes ` +
        `(for example the output of \`openssl rand -base64 48\`).`,
    );
  }
  return secret;
}

function parseJwksUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError(
      [AUTH_ENV.jwksUrl],
      `${AUTH_ENV.jwksUrl} is not a URL: ${JSON.stringify(value)}.`,
    );
  }
  // Whoever can alter the key set in transit can mint tokens: plain HTTP only on this machine.
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AuthConfigError(
      [AUTH_ENV.jwksUrl],
      `${AUTH_ENV.jwksUrl} must use https (plain http is accepted only for localhost): got ${url.href}.`,
    );
  }
  return url;
}

function loadClockTolerance(env: Env): number {
  const raw = nonBlank(env, AUTH_ENV.clockTolerance);
  if (raw === undefined) return DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new AuthConfigError(
      [AUTH_ENV.clockTolerance],
      `${AUTH_ENV.clockTolerance} must be a whole number of seconds from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}: got ${JSON.stringify(raw)}.`,
    );
  }
  return seconds;
}

function nonBlank(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
