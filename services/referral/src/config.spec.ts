import { ConfigError } from '@lastri/service-host';

import { DEFAULT_PORT, loadReferralServiceConfig } from './config';

const SECRET = 'referral-service-secret-with-32-bytes!!';
const VALID = { EVENT_STORE_URL: 'postgres://lastri:lastri@127.0.0.1:5432/lastri', KAFKA_BROKERS: 'kafka-1:9092', AUTH_JWT_SECRET: SECRET };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadReferralServiceConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('referral service configuration', () => {
  it('listens on 3003 by default and reads the store, the brokers and the token key', () => {
    expect(loadReferralServiceConfig(VALID)).toMatchObject({
      port: DEFAULT_PORT,
      eventStoreUrl: VALID.EVENT_STORE_URL,
      kafkaBrokers: ['kafka-1:9092'],
      kafkaGroupPrefix: 'lastri',
      auth: { key: { kind: 'shared-secret', secret: SECRET } },
    });
    expect(DEFAULT_PORT).toBe(3003);
  });

  it('names every missing or wrong variable at once', () => {
    expect(problemsOf({})).toEqual(['EVENT_STORE_URL', 'KAFKA_BROKERS', 'AUTH_JWT_SECRET, AUTH_JWKS_URL']);
    expect(problemsOf({ ...VALID, PORT: 'x', RATE_LIMIT_PER_MINUTE: '0', KAFKA_GROUP_PREFIX: 'a b' })).toEqual(['KAFKA_GROUP_PREFIX', 'PORT', 'RATE_LIMIT_PER_MINUTE']);
  });
});
