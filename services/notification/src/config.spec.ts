import { ConfigError } from '@lastri/service-host';

import { DEFAULT_PORT, loadNotificationServiceConfig } from './config';

const SECRET = 'notification-service-secret-with-32-bytes';
const VALID = { EVENT_STORE_URL: 'postgres://lastri:lastri@127.0.0.1:5432/lastri', KAFKA_BROKERS: 'kafka-1:9092', AUTH_JWT_SECRET: SECRET };

describe('notification service configuration', () => {
  it('listens on 3004 by default and reads its channels', () => {
    expect(loadNotificationServiceConfig({ ...VALID, SMTP_URL: 'smtp://mail:25', SMS_GATEWAY_URL: 'https://sms.example/send' })).toMatchObject({
      port: DEFAULT_PORT,
      kafkaBrokers: ['kafka-1:9092'],
      channels: { smtpUrl: 'smtp://mail:25', smsGatewayUrl: 'https://sms.example/send' },
    });
    expect(DEFAULT_PORT).toBe(3004);
    expect(loadNotificationServiceConfig(VALID).channels).toEqual({});
  });

  it('names every missing variable at once', () => {
    let problems: string[] = [];
    try {
      loadNotificationServiceConfig({});
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems.map((problem) => problem.variable);
    }
    expect(problems).toEqual(['EVENT_STORE_URL', 'KAFKA_BROKERS', 'AUTH_JWT_SECRET, AUTH_JWKS_URL']);
  });
});
