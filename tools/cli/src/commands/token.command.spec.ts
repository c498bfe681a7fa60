/**
 * `lastri token` as a developer runs it: the real bin script in a child process (so the SWC
 * loader, the workspace link to @lastri/auth and Node's loading of jose are exercised too), the
 * token checked independently of jose with node:crypto.
 */
import { spawnSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import path from 'node:path';

const bin = path.resolve(__dirname, '../../bin/lastri.js');
const SECRET = 'cli-test-secret-with-more-than-32-bytes';

function lastri(args: string[], env: Record<string, string> = {}) {
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AUTH_|LASTRI_DEV$)/.test(name)),
  );
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...cleanEnv, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The claims of an HS256 token, after checking its signature with `secret`. */
function verifiedClaims(token: string, secret: string): Record<string, unknown> {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    throw new Error('bad signature');
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
  return JSON.parse(Buffer.from(payload, 'base64url').toString());
}

const caseworkerArgs = [
  'token',
  '--role',
  'caseworker',
  '--kelurahan',
  '35.75.04.1011',
  '--sub',
  'budi',
  '--name',
  'Budi Santoso',
];

describe('lastri token', () => {
  it('prints only the token on stdout, signed with AUTH_JWT_SECRET, lasting 8 hours by default', () => {
    const result = lastri(caseworkerArgs, {
      AUTH_JWT_SECRET: SECRET,
      AUTH_AUDIENCE: 'lastri-intake',
    });
    expect(result).toMatchObject({ status: 0 });
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = verifiedClaims(result.stdout.trim(), SECRET);
    expect(claims).toMatchObject({
      iss: 'lastri',
      aud: 'lastri-intake',
      sub: 'budi',
      name: 'Budi Santoso',
      roles: ['caseworker'],
      kelurahan: ['35.75.04.1011'],
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(8 * 3600);
    expect(result.stderr).toMatch(
      /^Token for Budi Santoso \(budi\), roles caseworker, kelurahan 35\.75\.04\.1011;/,
    );
    expect(result.stderr).not.toMatch(/INSECURE/);
  });

  it('mints agency tokens and honours --expires', () => {
    const result = lastri(
      [
        'token',
        '--role',
        'agency',
        '--agency',
        'dinas-pendidikan',
        '--sub',
        'u-17',
        '--name',
        'Siti',
        '--expires',
        '30m',
      ],
      { AUTH_JWT_SECRET: SECRET },
    );
    expect(result.status).toBe(0);
    const claims = verifiedClaims(result.stdout.trim(), SECRET);
    expect(claims).toMatchObject({ roles: ['agency'], agencyId: 'dinas-pendidikan' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(1800);
  });

  it('reads a bare --expires number as seconds, as the usage says', () => {
    const result = lastri([...caseworkerArgs, '--expires', '60'], { AUTH_JWT_SECRET: SECRET });
    expect(result.status).toBe(0);
    const claims = verifiedClaims(result.stdout.trim(), SECRET);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(60);
  });

  it('refuses an --expires that is no duration, with exit 2', () => {
    const result = lastri([...caseworkerArgs, '--expires', '0'], { AUTH_JWT_SECRET: SECRET });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--expires: Invalid duration/);
  });

  it('uses the public development secret only when asked, and says so loudly on stderr', () => {
    const refused = lastri(caseworkerArgs);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/Neither AUTH_JWT_SECRET nor AUTH_JWKS_URL is set.*pass --dev/);

    for (const result of [
      lastri([...caseworkerArgs, '--dev']),
      lastri(caseworkerArgs, { LASTRI_DEV: '1' }),
    ]) {
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/!!! INSECURE DEVELOPMENT TOKEN !!!/);
      expect(
        verifiedClaims(
          result.stdout.trim(),
          'lastri-INSECURE-development-jwt-secret-never-use-in-production',
        ),
      ).toMatchObject({
        sub: 'budi',
      });
    }
  });

  it('refuses claims the services would refuse, with exit 2 and the usage', () => {
    const result = lastri(
      [
        'token',
        '--role',
        'caseworker',
        '--sub',
        'budi',
        '--name',
        'Budi',
        '--kelurahan',
        '35.75.4.1011',
      ],
      {
        AUTH_JWT_SECRET: SECRET,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^lastri token: malformed kelurahan code "35.75.4.1011"/);
    expect(result.stderr).toMatch(/Usage: lastri token/);
  });

  it('refuses to mint when tokens come from an identity provider', () => {
    const result = lastri(caseworkerArgs, { AUTH_JWKS_URL: 'https://sso.example.id/certs' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Minting needs AUTH_JWT_SECRET/);
  });
});
