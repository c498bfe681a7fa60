import { ConfigError } from '@lastri/service-host';

import { loadIntakeServiceConfig } from './config';

const SECRET = 'intake-service-secret-with-more-than-32-bytes';
const VALID = {
  EVENT_STORE_URL: 'postgres://lastri:lastri@127.0.0.1:55432/lastri',
  AUTH_JWT_SECRET: SECRET,
  INTAKE_NIK_PEPPER: 'a-real-pepper-of-sufficient-length',
};

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadIntakeServiceConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('intake service configuration', () => {
  it('reads a complete configuration, Kafka optional', () => {
    expect(loadIntakeServiceConfig(VALID)).toMatchObject({ port: 3000, host: '0.0.0.0', insecureDevelopmentPepper: false });
    expect(loadIntakeServiceConfig({ ...VALID, KAFKA_BROKERS: '127.0.0.1:29092, kafka:9092', PORT: '3101' })).toMatchObject({
      port: 3101,
      kafkaBrokers: ['127.0.0.1:29092', 'kafka:9092'],
    });
  });

  it('stops on anything missing, naming each variable', () => {
    const error = refusal({});
    expect(error.problems.map((p) => p.variable)).toEqual(['EVENT_STORE_URL', 'AUTH_JWT_SECRET, AUTH_JWKS_URL', 'INTAKE_NIK_PEPPER']);
    for (const problem of error.problems) expect(problem.message).toContain(problem.variable.split(',')[0]);
  });

  it.each([
    ['EVENT_STORE_URL', { EVENT_STORE_URL: 'mongodb://x' }],
    ['PORT', { PORT: '0' }],
    ['PORT', { PORT: '3k' }],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'kafka' }],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '0' }],
    ['INTAKE_NIK_PEPPER', { INTAKE_NIK_PEPPER: 'too-short' }],
    ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 'short' }],
  ])('refuses a malformed %s', (variable, override) => {
    const error = refusal({ ...VALID, ...override });
    expect(error.problems.map((p) => p.variable)).toEqual([variable]);
    expect(error.message).toContain(variable);
  });

  it('allows the public development pepper only on a developer machine', () => {
    const { INTAKE_NIK_PEPPER: _pepper, ...withoutPepper } = VALID;
    expect(loadIntakeServiceConfig({ ...withoutPepper, LASTRI_DEV: '1' }).insecureDevelopmentPepper).toBe(true);
    expect(refusal({ ...withoutPepper, LASTRI_DEV: '1', NODE_ENV: 'production' }).problems[0].variable).toBe('INTAKE_NIK_PEPPER');
  });
});
