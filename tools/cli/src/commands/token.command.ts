import {
  AUTH_ENV,
  AuthConfigError,
  durationSeconds,
  InvalidClaimsError,
  isRole,
  loadAuthConfig,
  mintToken,
  ROLES,
  type AuthConfig,
  type Role,
} from '@lastri/auth';
import { decodeJwt } from 'jose';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand, type CliIo } from '../cli-command';

const usage = `Usage: lastri token --role <role> --sub <user id> --name <display name> [options]

Mints a signed bearer token for development and tests and prints it on stdout, e.g.
  TOKEN=$(npx lastri token --role caseworker --kelurahan 35.75.04.1011 --sub budi --name "Budi Santoso")
  curl -H "Authorization: Bearer $TOKEN" …

Options:
  --role <role>        ${ROLES.join(' | ')} (repeat, or separate with commas)
  --kelurahan <code>   full code of a kelurahan a caseworker serves, e.g. 35.75.04.1011 (repeatable)
  --agency <id>        the partner agency, with --role agency
  --sub <id>           user id (the token's "sub")
  --name <name>        display name
  --expires <time>     lifetime in seconds, or 30m, 8h, 7d (default 8h)
  --dev                sign with the built-in INSECURE development secret (as LASTRI_DEV=1 does)

Signs HS256 with ${AUTH_ENV.secret}, for ${AUTH_ENV.issuer} (default lastri) and ${AUTH_ENV.audience}
(default lastri-api): the service must run with the same values. With ${AUTH_ENV.jwksUrl} set, tokens
come from the identity provider and this command refuses.
`;

export const tokenCommand: CliCommand = {
  name: 'token',
  summary:
    'mint a development bearer token (JWT) for a caseworker, supervisor, auditor, agency or admin',
  usage,
  run: runToken,
};

async function runToken(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(argv);
  const env = options.dev ? { ...io.env, [AUTH_ENV.dev]: '1' } : io.env;
  const config = loadConfig(env);
  let token: string;
  try {
    token = await mintToken(
      config,
      {
        sub: options.sub,
        name: options.name,
        roles: options.roles,
        kelurahan: options.kelurahan,
        ...(options.agency === undefined ? {} : { agencyId: options.agency }),
      },
      { expiresIn: options.expiresInSeconds },
    );
  } catch (error) {
    if (error instanceof InvalidClaimsError) throw new UsageError(error.message);
    throw error;
  }

  if (config.key.kind === 'shared-secret' && config.key.insecureDevelopmentDefault) {
    io.stderr(
      [
        '',
        '  !!! INSECURE DEVELOPMENT TOKEN !!!',
        `  No ${AUTH_ENV.secret} is set, so this token is signed with the PUBLIC development secret`,
        '  built into LASTRI. Any service accepting it accepts tokens anyone can forge: use it only',
        `  against a local service started with ${AUTH_ENV.dev}=1, never with real residents' data.`,
        '',
        '',
      ].join('\n'),
    );
  }

  const expiry = new Date((decodeJwt(token).exp ?? 0) * 1000).toISOString();
  io.stderr(
    `Token for ${options.name} (${options.sub}), roles ${options.roles.join(', ')}` +
      (options.kelurahan.length > 0 ? `, kelurahan ${options.kelurahan.join(', ')}` : '') +
      (options.agency === undefined ? '' : `, agency ${options.agency}`) +
      `; issuer ${config.issuer}, audience ${config.audience}, valid until ${expiry}.\n`,
  );
  io.stdout(`${token}\n`);
  return 0;
}

function loadConfig(env: CliIo['env']): AuthConfig {
  try {
    return loadAuthConfig(env);
  } catch (error) {
    const nothingConfigured = !env[AUTH_ENV.secret] && !env[AUTH_ENV.jwksUrl]?.trim();
    if (error instanceof AuthConfigError && nothingConfigured) {
      throw new AuthConfigError(
        error.variables,
        `${error.message} For a local try-out, pass --dev.`,
      );
    }
    throw error;
  }
}

interface TokenOptions {
  roles: Role[];
  kelurahan: string[];
  agency?: string;
  sub: string;
  name: string;
  expiresInSeconds: number;
  dev: boolean;
}

function parseOptions(argv: readonly string[]): TokenOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        role: { type: 'string', multiple: true },
        kelurahan: { type: 'string', multiple: true },
        agency: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        expires: { type: 'string', default: '8h' },
        dev: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const roles = splitList(values.role);
  if (roles.length === 0) throw new UsageError('--role is required.');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw new UsageError(`unknown role ${unknown.join(', ')}: use ${ROLES.join(', ')}.`);
  }
  if (values.sub === undefined) throw new UsageError('--sub (user id) is required.');
  if (values.name === undefined) throw new UsageError('--name (display name) is required.');

  let expiresInSeconds: number;
  try {
    // A bare number is seconds, as the usage says; durationSeconds reads only numbers that way.
    const expires = values.expires.trim();
    expiresInSeconds = durationSeconds(/^\d+$/.test(expires) ? Number(expires) : expires);
  } catch (error) {
    throw new UsageError(`--expires: ${(error as Error).message}`);
  }
  return {
    roles: roles as Role[],
    kelurahan: splitList(values.kelurahan),
    agency: values.agency,
    sub: values.sub,
    name: values.name,
    expiresInSeconds,
    dev: values.dev,
  };
}

function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}
