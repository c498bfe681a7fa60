/**
 * The intake service's configuration: read once from the environment at start and validated.
 * Every problem is reported, each naming its variable, and the process stops; a service never
 * runs half-configured.
 */
import { AuthConfigError, loadAuthConfig, type AuthConfig, type Env } from '@lastri/auth';
import { parseEventStoreUrl } from '@lastri/event-store';
import { INTAKE_ENV, loadNikPepper } from '@lastri/intake';

export interface IntakeServiceConfig {
  eventStoreUrl: string;
  host: string;
  port: number;
  auth: AuthConfig;
  /** Set: the relay publishes intake's events to Kafka. Absent: no relay. */
  kafkaBrokers?: string[];
  nikPepper: string;
  /** True when the built-in development pepper is used (LASTRI_DEV=1 and none set). */
  insecureDevelopmentPepper: boolean;
}

export interface ConfigProblem {
  /** The variable (or variables) at fault. */
  variable: string;
  /** A sentence that names the variable and says what it must be. */
  message: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export function loadIntakeServiceConfig(env: Env): IntakeServiceConfig {
  const problems: ConfigProblem[] = [];
  const attempt = <T>(variable: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      const variables = error instanceof AuthConfigError ? error.variables.join(', ') : variable;
      problems.push({ variable: variables, message: (error as Error).message });
      return undefined;
    }
  };

  const eventStoreUrl = attempt('EVENT_STORE_URL', () => {
    const value = env.EVENT_STORE_URL?.trim();
    if (!value) throw new Error('EVENT_STORE_URL is required: sqlite:<path>, postgres://… or kurrentdb://…');
    parseEventStoreUrl(value);
    return value;
  });
  const port = attempt('PORT', () => parsePort('PORT', env.PORT, 3000));
  const host = env.HOST?.trim() || '0.0.0.0';
  const auth = attempt('AUTH_JWT_SECRET', () => loadAuthConfig(env));
  const kafkaBrokers = attempt('KAFKA_BROKERS', () => parseBrokers(env.KAFKA_BROKERS));
  const pepper = attempt(INTAKE_ENV.nikPepper, () => loadNikPepper(env));

  if (problems.length > 0 || !eventStoreUrl || port === undefined || !auth || !pepper) throw new ConfigError(problems);
  return {
    eventStoreUrl,
    host,
    port,
    auth,
    ...(kafkaBrokers && { kafkaBrokers }),
    nikPepper: pepper.nikPepper,
    insecureDevelopmentPepper: pepper.insecureDevelopmentDefault,
  };
}

export function parsePort(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port number from 1 to 65535, got ${JSON.stringify(value)}.`);
  }
  return port;
}

function parseBrokers(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const brokers = value.split(',').map((broker) => broker.trim());
  const wrong = brokers.filter((broker) => !BROKER.test(broker));
  if (wrong.length > 0) {
    throw new Error(
      `KAFKA_BROKERS must be comma-separated host:port pairs, e.g. 127.0.0.1:29092; not ${wrong.map((w) => JSON.stringify(w)).join(', ')}.`,
    );
  }
  return brokers;
}
