/**
 * The standalone host's configuration: everything has a default, so `npm start` on a fresh clone
 * runs with no external server and no setup. What is set is still validated, and a wrong value
 * stops the process with a message naming the variable.
 *
 * Without AUTH_JWT_SECRET or AUTH_JWKS_URL it runs as a developer machine (LASTRI_DEV=1): tokens
 * signed with the public development secret (`npx lastri token --dev …`) and the public NIK
 * pepper, said loudly at start, bound to loopback only, and refused under NODE_ENV=production.
 */
import { AUTH_ENV, loadAuthConfig, type AuthConfig, type Env } from '@lastri/auth';
import { INTAKE_ENV, loadNikPepper } from '@lastri/intake';
import { collectConfig, readEventStoreUrl, readHost, readPort, readRateLimitPerMinute } from '@lastri/service-host';

export const DEFAULT_EVENT_STORE_URL = 'sqlite:./data/lastri.sqlite';
export const DEFAULT_PORT = 3000;

export interface StandaloneConfig {
  eventStoreUrl: string;
  host: string;
  port: number;
  /** RATE_LIMIT_PER_MINUTE: requests per client address per minute before 429. */
  rateLimitPerMinute: number;
  auth: AuthConfig;
  nikPepper: string;
  /** The public development secret and pepper are in use. */
  developmentDefaults: boolean;
}

export function loadStandaloneConfig(env: Env): StandaloneConfig {
  const noKeyConfigured = !env[AUTH_ENV.secret] && !env[AUTH_ENV.jwksUrl]?.trim();
  const effective: Env = noKeyConfigured ? { ...env, [AUTH_ENV.dev]: '1' } : env;

  const { eventStoreUrl, port, rateLimitPerMinute, auth, pepper } = collectConfig({
    eventStoreUrl: [
      'EVENT_STORE_URL',
      () => readEventStoreUrl(env, { fallback: DEFAULT_EVENT_STORE_URL }),
    ],
    port: ['PORT', () => readPort(env, DEFAULT_PORT)],
    rateLimitPerMinute: ['RATE_LIMIT_PER_MINUTE', () => readRateLimitPerMinute(env)],
    auth: [AUTH_ENV.secret, () => loadAuthConfig(effective)],
    pepper: [INTAKE_ENV.nikPepper, () => loadNikPepper(effective)],
  });
  const developmentDefaults =
    (auth.key.kind === 'shared-secret' && auth.key.insecureDevelopmentDefault) ||
    pepper.insecureDevelopmentDefault;
  // The development secret lets anyone mint any token: keep such a server off the network.
  const host = readHost(env, developmentDefaults ? '127.0.0.1' : '0.0.0.0');
  return { eventStoreUrl, host, port, rateLimitPerMinute, auth, nikPepper: pepper.nikPepper, developmentDefaults };
}
