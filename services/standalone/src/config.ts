/**
 * The standalone host's configuration: everything has a default, so `npm start` on a fresh clone
 * runs with no external server and no setup. What is set is still validated, and a wrong value
 * stops the process with a message naming the variable.
 *
 * Without AUTH_JWT_SECRET or AUTH_JWKS_URL it runs as a developer machine (LASTRI_DEV=1): tokens
 * signed with the public development secret (`npx lastri token --dev …`) and the public NIK
 * pepper, said loudly at start, bound to loopback only, and refused under NODE_ENV=production.
 */
import { AUTH_ENV, AuthConfigError, loadAuthConfig, type AuthConfig, type Env } from '@lastri/auth';
import { parseEventStoreUrl } from '@lastri/event-store';
import { INTAKE_ENV, IntakeConfigError, loadNikPepper } from '@lastri/intake';

export const DEFAULT_EVENT_STORE_URL = 'sqlite:./data/lastri.sqlite';
export const DEFAULT_PORT = 3000;

export interface StandaloneConfig {
  eventStoreUrl: string;
  host: string;
  port: number;
  auth: AuthConfig;
  nikPepper: string;
  /** The public development secret and pepper are in use. */
  developmentDefaults: boolean;
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

export function loadStandaloneConfig(env: Env): StandaloneConfig {
  const problems: ConfigProblem[] = [];
  const attempt = <T>(variable: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      const variables = error instanceof AuthConfigError ? error.variables.join(', ') : error instanceof IntakeConfigError ? error.variable : variable;
      problems.push({ variable: variables, message: (error as Error).message });
      return undefined;
    }
  };

  const noKeyConfigured = !env[AUTH_ENV.secret] && !env[AUTH_ENV.jwksUrl]?.trim();
  const effective: Env = noKeyConfigured ? { ...env, [AUTH_ENV.dev]: '1' } : env;

  const eventStoreUrl = attempt('EVENT_STORE_URL', () => {
    const value = env.EVENT_STORE_URL?.trim() || DEFAULT_EVENT_STORE_URL;
    parseEventStoreUrl(value);
    return value;
  });
  const port = attempt('PORT', () => parsePort(env.PORT));
  const auth = attempt(AUTH_ENV.secret, () => loadAuthConfig(effective));
  const pepper = attempt(INTAKE_ENV.nikPepper, () => loadNikPepper(effective));
  const developmentDefaults =
    (auth?.key.kind === 'shared-secret' && auth.key.insecureDevelopmentDefault) || pepper?.insecureDevelopmentDefault === true;
  // The development secret lets anyone mint any token: keep such a server off the network.
  const host = env.HOST?.trim() || (developmentDefaults ? '127.0.0.1' : '0.0.0.0');

  if (problems.length > 0 || !eventStoreUrl || port === undefined || !auth || !pepper) throw new ConfigError(problems);
  return { eventStoreUrl, host, port, auth, nikPepper: pepper.nikPepper, developmentDefaults };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(value)}.`);
  }
  return port;
}
