import { fixedClock } from '@lastri/kernel';
import { SignJWT, UnsecuredJWT } from 'jose';
import { loadAuthConfig } from '../config/auth-config';
import { mintToken } from './mint-token';
import { TokenRejectedError, type TokenRejectionReason } from './token-errors';
import { createTokenVerifier } from './token-verifier';

const SECRET = 'test-secret-of-at-least-thirty-two-bytes!';
const config = loadAuthConfig({ AUTH_JWT_SECRET: SECRET });
const verifier = createTokenVerifier(config);
const budi = {
  sub: 'budi',
  name: 'Budi Santoso',
  roles: ['caseworker'] as const,
  kelurahan: ['35.75.04.1011'],
};

/** A token with arbitrary claims, signed as the identity provider would; defaults make it valid. */
function signed(
  claims: Record<string, unknown>,
  overrides: {
    issuer?: string;
    audience?: string;
    secret?: string;
    exp?: number | string | null;
  } = {},
): Promise<string> {
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(overrides.issuer ?? 'lastri')
    .setAudience(overrides.audience ?? 'lastri-api')
    .setIssuedAt();
  if (overrides.exp !== null) jwt = jwt.setExpirationTime(overrides.exp ?? '5m');
  return jwt.sign(new TextEncoder().encode(overrides.secret ?? SECRET));
}

async function rejection(token: string): Promise<TokenRejectedError> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof TokenRejectedError) return error;
  throw new Error(`expected a TokenRejectedError, got ${String(error)}`);
}

async function expectRejected(
  token: string,
  reason: TokenRejectionReason,
  message?: RegExp,
): Promise<void> {
  const error = await rejection(token);
  expect(error.reason).toBe(reason);
  if (message) expect(error.message).toMatch(message);
}

describe('verifying HS256 bearer tokens', () => {
  it('turns a valid token into its actor', async () => {
    const token = await mintToken(config, budi, { expiresIn: '8h' });
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'budi',
      name: 'Budi Santoso',
      roles: ['caseworker'],
      kelurahan: ['35.75.04.1011'],
    });
  });

  it('refuses an expired token, allowing the configured clock skew', async () => {
    const token = await mintToken(config, budi, {
      expiresIn: '1h',
      clock: fixedClock('2025-03-01T08:00:00Z'),
    });
    const at = (instant: string) => createTokenVerifier(config, { clock: fixedClock(instant) });
    await expect(at('2025-03-01T09:00:29Z').verify(token)).resolves.toMatchObject({ sub: 'budi' });
    await expect(at('2025-03-01T09:00:31Z').verify(token)).rejects.toMatchObject({
      reason: 'expired',
    });
    await expectRejected(token, 'expired', /expired/);
  });

  it('refuses a token that never expires', async () => {
    await expectRejected(await signed(budi, { exp: null }), 'invalid-claims', /"exp" is missing/);
  });

  it('refuses a token from another issuer or for another audience', async () => {
    await expectRejected(await signed(budi, { issuer: 'someone-else' }), 'wrong-issuer');
    await expectRejected(await signed(budi, { audience: 'simpeg-api' }), 'wrong-audience');
  });

  it('refuses a token signed with another secret, or altered after signing', async () => {
    await expectRejected(
      await signed(budi, { secret: 'another-secret-of-at-least-32-bytes!!' }),
      'bad-signature',
    );

    const [header, , signature] = (await signed(budi)).split('.');
    const promoted = Buffer.from(
      JSON.stringify({ ...budi, roles: ['admin'], iss: 'lastri', aud: 'lastri-api', exp: 9e9 }),
    );
    await expectRejected(
      `${header}.${promoted.toString('base64url')}.${signature}`,
      'bad-signature',
    );
  });

  it('refuses unsigned tokens and tokens that are not JWTs at all', async () => {
    const unsigned = new UnsecuredJWT({ ...budi })
      .setIssuer('lastri')
      .setAudience('lastri-api')
      .setExpirationTime('5m');
    await expect(verifier.verify(unsigned.encode())).rejects.toBeInstanceOf(TokenRejectedError);
    await expectRejected('not-a-token', 'malformed');
  });

  it('refuses a validly signed token with an unknown role, naming the role', async () => {
    await expectRejected(
      await signed({ ...budi, roles: ['caseworker', 'kepala-dinas'] }),
      'invalid-claims',
      /unknown role "kepala-dinas"/,
    );
  });

  it('refuses an agency token without its agencyId', async () => {
    await expectRejected(
      await signed({ sub: 'u-17', name: 'Siti', roles: ['agency'] }),
      'invalid-claims',
      /agency role needs "agencyId"/,
    );
  });

  it('refuses a caseworker token with a malformed kelurahan code', async () => {
    await expectRejected(
      await signed({ ...budi, kelurahan: ['35.75.04.101'] }),
      'invalid-claims',
      /malformed kelurahan code "35.75.04.101"/,
    );
  });
});

describe('minting development tokens', () => {
  it('refuses claims the verifier would refuse, rather than mint a useless token', async () => {
    await expect(
      mintToken(config, { sub: 'u-17', name: 'Siti', roles: ['agency'] }, { expiresIn: '1h' }),
    ).rejects.toThrow(/agency role needs "agencyId"/);
  });

  it('sets the lifetime from whole seconds or a unit, from the given clock', async () => {
    const clock = fixedClock('2025-03-01T08:00:00Z');
    const issuedAt = Date.parse('2025-03-01T08:00:00Z') / 1000;
    const exp = async (expiresIn: number | '90s' | '30m' | '8h' | '7d') => {
      const token = await mintToken(config, budi, { expiresIn, clock });
      return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp - issuedAt;
    };
    expect(await exp(600)).toBe(600);
    expect(await exp('90s')).toBe(90);
    expect(await exp('30m')).toBe(1800);
    expect(await exp('8h')).toBe(28_800);
    expect(await exp('7d')).toBe(604_800);
    await expect(mintToken(config, budi, { expiresIn: 0 })).rejects.toThrow(RangeError);
  });

  it('cannot mint when tokens come from an identity provider', async () => {
    const jwks = loadAuthConfig({ AUTH_JWKS_URL: 'https://sso.example.id/certs' });
    await expect(mintToken(jwks, budi, { expiresIn: '1h' })).rejects.toThrow(
      /Minting needs AUTH_JWT_SECRET/,
    );
  });
});
