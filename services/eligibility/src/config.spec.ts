import { ConfigError } from '@lastri/service-host';

import { DEFAULT_PORT, loadEligibilityServiceConfig } from './config';

const SECRET = 'eligibility-service-secret-with-32-bytes';
const VALID = { EVENT_STORE_URL: 'postgres://lastri:lastri@127.0.0.1:5432/lastri', KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092', AUTH_JWT_SECRET: SECRET };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadEligibilityServiceConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('eligibility service configuration', () => {
  it('reads the store, the brokers, the port and the token key', () => {
    expect(loadEligibilityServiceConfig({ ...VALID, PORT: '8082' })).toMatchObject({
      eventStoreUrl: VALID.EVENT_STORE_URL,
      kafkaBrokers: ['kafka-1:9092', 'kafka-2:9092'],
      port: 8082,
      host: '0.0.0.0',
      auth: { key: { kind: 'shared-secret', secret: SECRET } },
    });
    expect(loadEligibilityServiceConfig(VALID).port).toBe(DEFAULT_PORT);
  });

  it('names its consumer group with KAFKA_GROUP_PREFIX, so that two stacks can share a broker', () => {
    expect(loadEligibilityServiceConfig(VALID).kafkaGroupPrefix).toBe('lastri');
    expect(loadEligibilityServiceConfig({ ...VALID, KAFKA_GROUP_PREFIX: 'lastri-staging' }).kafkaGroupPrefix).toBe('lastri-staging');
    expect(problemsOf({ ...VALID, KAFKA_GROUP_PREFIX: 'no spaces' })).toEqual(['KAFKA_GROUP_PREFIX']);
    expect(problemsOf({ ...VALID, RATE_LIMIT_PER_MINUTE: '-5' })).toEqual(['RATE_LIMIT_PER_MINUTE']);
  });

  it('names every missing variable at once', () => {
    expect(problemsOf({})).toEqual(['EVENT_STORE_URL', 'KAFKA_BROKERS', 'AUTH_JWT_SECRET, AUTH_JWKS_URL']);
  });

  it('names every malformed one', () => {
    expect(problemsOf({ ...VALID, EVENT_STORE_URL: 'mysql://x', KAFKA_BROKERS: 'kafka', PORT: '70000', AUTH_JWT_SECRET: 'short' })).toEqual([
      'EVENT_STORE_URL',
      'KAFKA_BROKERS',
      'PORT',
      'AUTH_JWT_SECRET',
    ]);
  });
});
