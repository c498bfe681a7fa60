import { AuthConfigError, INSECURE_DEV_JWT_SECRET, loadAuthConfig, type Env } from './auth-config';

const SECRET = 'k'.repeat(32);

function configError(env: Env): AuthConfigError {
  try {
    loadAuthConfig(env);
  } catch (error) {
    if (error instanceof AuthConfigError) return error;
    throw error;
  }
  throw new Error('expected loadAuthConfig to refuse this environment');
}

describe('loadAuthConfig', () => {
  it('verifies with the shared secret, for issuer "lastri" and audience "lastri-api" by default', () => {
    expect(loadAuthConfig({ AUTH_JWT_SECRET: SECRET })).toEqual({
      issuer: 'lastri',
      audience: 'lastri-api',
      key: { kind: 'shared-secret', secret: SECRET, insecureDevelopmentDefault: false },
      clockToleranceSeconds: 30,
    });
  });

  it('verifies with the key set of an identity provider, for the configured issuer and audience', () => {
    const config = loadAuthConfig({
      AUTH_JWKS_URL: 'https://sso.pasuruankota.go.id/realms/lastri/protocol/openid-connect/certs',
      AUTH_ISSUER: 'https://sso.pasuruankota.go.id/realms/lastri',
      AUTH_AUDIENCE: 'lastri-intake',
      AUTH_CLOCK_TOLERANCE_SECONDS: '5',
    });
    expect(config.key).toEqual({
      kind: 'jwks',
      url: new URL('https://sso.pasuruankota.go.id/realms/lastri/protocol/openid-connect/certs'),
    });
    expect(config).toMatchObject({
      issuer: 'https://sso.pasuruankota.go.id/realms/lastri',
      audience: 'lastri-intake',
      clockToleranceSeconds: 5,
    });
  });

  it('refuses to start with neither a secret nor a key set, naming both variables', () => {
    const error = configError({ AUTH_JWT_SECRET: '', AUTH_ISSUER: 'lastri' });
    expect(error.variables).toEqual(['AUTH_JWT_SECRET', 'AUTH_JWKS_URL']);
    expect(error.message).toMatch(/Neither AUTH_JWT_SECRET nor AUTH_JWKS_URL is set/);
  });

  it('refuses a secret and a key set together', () => {
    const error = configError({
      AUTH_JWT_SECRET: SECRET,
      AUTH_JWKS_URL: 'https://sso.example.id/certs',
    });
    expect(error.message).toMatch(/either AUTH_JWT_SECRET .* or AUTH_JWKS_URL .*not both/);
  });

  it('refuses a secret shorter than 32 bytes, counting bytes rather than characters', () => {
    expect(configError({ AUTH_JWT_SECRET: 'k'.repeat(31) }).message).toMatch(
      /AUTH_JWT_SECRET is 31 bytes long; HS256 needs at least 32/,
    );
    // 16 two-byte characters are 32 bytes: long enough.
    expect(loadAuthConfig({ AUTH_JWT_SECRET: 'é'.repeat(16) }).key.kind).toBe('shared-secret');
  });

  it.each([
    ['not a URL', 'sso.example.id/certs', /AUTH_JWKS_URL is not a URL/],
    ['plain http to another host', 'http://sso.example.id/certs', /AUTH_JWKS_URL must use https/],
  ])('refuses a key set URL that is %s', (_case, url, message) => {
    expect(configError({ AUTH_JWKS_URL: url }).message).toMatch(message);
  });

  it('accepts plain http for a key set on this machine (tests, a local identity provider)', () => {
    expect(loadAuthConfig({ AUTH_JWKS_URL: 'http://127.0.0.1:8080/certs' }).key.kind).toBe('jwks');
  });

  it('refuses a clock tolerance that is not a whole number of seconds up to five minutes', () => {
    expect(
      configError({ AUTH_JWT_SECRET: SECRET, AUTH_CLOCK_TOLERANCE_SECONDS: '1.5' }).variables,
    ).toEqual(['AUTH_CLOCK_TOLERANCE_SECONDS']);
    expect(() =>
      loadAuthConfig({ AUTH_JWT_SECRET: SECRET, AUTH_CLOCK_TOLERANCE_SECONDS: '301' }),
    ).toThrow(AuthConfigError);
  });

  it('falls back to the public development secret only with LASTRI_DEV=1, and says so', () => {
    expect(loadAuthConfig({ LASTRI_DEV: '1' }).key).toEqual({
      kind: 'shared-secret',
      secret: INSECURE_DEV_JWT_SECRET,
      insecureDevelopmentDefault: true,
    });
    expect(loadAuthConfig({ LASTRI_DEV: '1', AUTH_JWT_SECRET: SECRET }).key).toMatchObject({
      secret: SECRET,
    });
    expect(() => loadAuthConfig({ LASTRI_DEV: 'true' })).toThrow(/Neither AUTH_JWT_SECRET/);
  });

  it('refuses the development secret in production', () => {
    expect(configError({ LASTRI_DEV: '1', NODE_ENV: 'production' }).message).toMatch(
      /refused in production/,
    );
  });
});
