/**
 * The eligibility service's configuration: read once from the environment at start and
 * validated. Every problem is reported, each naming its variable, and the process stops; the
 * service never runs half-configured. It needs Kafka: it exists to consume intake's events from
 * `lastri.intake.events` (standalone mode runs the same module on the embedded transport).
 */
import { AuthConfigError, loadAuthConfig, type AuthConfig, type Env } from '@lastri/auth';
import { parseEventStoreUrl } from '@lastri/event-store';

export const DEFAULT_PORT = 3002;

export interface EligibilityServiceConfig {
  eventStoreUrl: string;
  kafkaBrokers: string[];
  host: string;
  port: number;
  auth: AuthConfig;
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
    super(problems.map((problem) => problem.message).join('\n'));
  }
}

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export function loadEligibilityServiceConfig(env: Env): EligibilityServiceConfig {
  const problems: ConfigProblem[] = [];
  const attempt = <T>(variable: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      problems.push({
        variable: error instanceof AuthConfigError ? error.variables.join(', ') : variable,
        message: (error as Error).message,
      });
      return undefined;
    }
  };

  const eventStoreUrl = attempt('EVENT_STORE_URL', () => {
    const value = env.EVENT_STORE_URL?.trim();
    if (!value) {
      throw new Error('EVENT_STORE_URL is required: the store intake writes to (postgres://…, kurrentdb://…, or sqlite:<path> on one machine).');
    }
    parseEventStoreUrl(value);
    return value;
  });
  const kafkaBrokers = attempt('KAFKA_BROKERS', () => parseBrokers(env.KAFKA_BROKERS));
  const port = attempt('PORT', () => parsePort(env.PORT));
  const auth = attempt('AUTH_JWT_SECRET', () => loadAuthConfig(env));
  const host = env.HOST?.trim() || '0.0.0.0';

  if (problems.length > 0 || !eventStoreUrl || !kafkaBrokers || port === undefined || !auth) throw new ConfigError(problems);
  return { eventStoreUrl, kafkaBrokers, host, port, auth };
}

function parseBrokers(value: string | undefined): string[] {
  const brokers = (value ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    throw new Error('KAFKA_BROKERS is required: comma-separated host:port of the Kafka brokers carrying lastri.intake.events.');
  }
  const wrong = brokers.filter((broker) => !BROKER.test(broker));
  if (wrong.length > 0) throw new Error(`KAFKA_BROKERS must be comma-separated host:port, got ${JSON.stringify(wrong.join(','))}.`);
  return brokers;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(value)}.`);
  }
  return port;
}
