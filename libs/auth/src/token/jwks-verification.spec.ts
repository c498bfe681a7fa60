/**
 * Verification against an identity provider's published keys: a real HTTP server on loopback
 * serves the JWKS, as Keycloak or any OpenID provider would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { loadAuthConfig } from '../config/auth-config';
import { KeySourceUnavailableError, TokenRejectedError } from './token-errors';
import { createTokenVerifier } from './token-verifier';

const ISSUER = 'https://sso.pasuruankota.go.id/realms/lastri';
const claims = { name: 'Rina Wulandari', roles: ['supervisor'] };

interface KeyPair {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function keyPair(kid: string, alg: KeyPair['alg']): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return {
    kid,
    alg,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
  };
}

function sign(key: KeyPair, overrides: { kid?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: overrides.kid ?? key.kid })
    .setIssuer(ISSUER)
    .setAudience('lastri-api')
    .setSubject('rina')
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/protocol/openid-connect/certs`,
  };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('verifying RS256/ES256 tokens against a JWKS URL', () => {
  let rsa: KeyPair;
  let ec: KeyPair;
  let server: Server;
  let jwksUrl: string;
  let keySetRequests = 0;

  beforeAll(async () => {
    rsa = await keyPair('rsa-2025', 'RS256');
    ec = await keyPair('ec-2025', 'ES256');
    ({ server, url: jwksUrl } = await listen((_request, response) => {
      keySetRequests += 1;
      response.setHeader('content-type', 'application/jwk-set+json');
      response.end(JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
    }));
  });

  afterAll(() => close(server));

  const verifier = () =>
    createTokenVerifier(loadAuthConfig({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: ISSUER }));

  it('accepts a token signed by a published RS256 key, fetching the key set once', async () => {
    const subject = verifier();
    keySetRequests = 0;
    await expect(subject.verify(await sign(rsa))).resolves.toEqual({
      sub: 'rina',
      name: 'Rina Wulandari',
      roles: ['supervisor'],
      kelurahan: [],
    });
    await expect(subject.verify(await sign(rsa))).resolves.toMatchObject({ sub: 'rina' });
    expect(keySetRequests).toBe(1);
  });

  it('accepts a token signed by a published ES256 key', async () => {
    await expect(verifier().verify(await sign(ec))).resolves.toMatchObject({
      roles: ['supervisor'],
    });
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const rogue = await keyPair('rogue', 'RS256');
    await expect(verifier().verify(await sign(rogue))).rejects.toMatchObject({
      reason: 'unknown-key',
    });
    // Same kid as a published key, different private key.
    await expect(verifier().verify(await sign(rogue, { kid: 'rsa-2025' }))).rejects.toMatchObject({
      reason: 'bad-signature',
    });
  });

  it('refuses an HS256 token, even one "signed" with the public key (algorithm confusion)', async () => {
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-2025' })
      .setIssuer(ISSUER)
      .setAudience('lastri-api')
      .setSubject('rina')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(rsa.publicJwk)));
    const error = await verifier()
      .verify(forged)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect(error).toMatchObject({ reason: 'algorithm-not-allowed' });
  });

  it('reports an unreachable or broken key set as unavailable, not as a bad token', async () => {
    const token = await sign(rsa);

    const gone = await listen(() => undefined);
    await close(gone.server);
    const unreachable = createTokenVerifier(
      loadAuthConfig({ AUTH_JWKS_URL: gone.url, AUTH_ISSUER: ISSUER }),
    );
    await expect(unreachable.verify(token)).rejects.toBeInstanceOf(KeySourceUnavailableError);

    const failing = await listen((_request, response) => {
      response.statusCode = 500;
      response.end('Internal Server Error');
    });
    try {
      const broken = createTokenVerifier(
        loadAuthConfig({ AUTH_JWKS_URL: failing.url, AUTH_ISSUER: ISSUER }),
      );
      await expect(broken.verify(token)).rejects.toBeInstanceOf(KeySourceUnavailableError);
    } finally {
      await close(failing.server);
    }
  });
});
