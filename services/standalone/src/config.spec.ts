import { INSECURE_DEV_JWT_SECRET } from '@lastri/auth';
import { INSECURE_DEV_NIK_PEPPER } from '@lastri/intake';
import { ConfigError } from '@lastri/service-host';

import { DEFAULT_EVENT_STORE_URL, loadStandaloneConfig } from './config';

const SECRET = 'standalone-secret-with-more-than-32-bytes';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadStandaloneConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('standalone configuration', () => {
  it('needs nothing: SQLite under ./data, port 3000, development auth on loopback', () => {
    const config = loadStandaloneConfig({});
    expect(config).toMatchObject({
      eventStoreUrl: DEFAULT_EVENT_STORE_URL,
      port: 3000,
      host: '127.0.0.1',
      developmentDefaults: true,
      nikPepper: INSECURE_DEV_NIK_PEPPER,
      auth: { key: { kind: 'shared-secret', secret: INSECURE_DEV_JWT_SECRET, insecureDevelopmentDefault: true } },
    });
  });

  it('uses real secrets when given, and listens on every interface then', () => {
    const config = loadStandaloneConfig({ AUTH_JWT_SECRET: SECRET, INTAKE_NIK_PEPPER: 'a-real-pepper-of-sufficient-length' });
    expect(config).toMatchObject({ developmentDefaults: false, host: '0.0.0.0', nikPepper: 'a-real-pepper-of-sufficient-length' });
  });

  it('names every wrong variable at once', () => {
    expect(problemsOf({ PORT: '70000', EVENT_STORE_URL: 'mysql://x', INTAKE_NIK_PEPPER: 'short', RATE_LIMIT_PER_MINUTE: 'lots' })).toEqual([
      'EVENT_STORE_URL',
      'PORT',
      'RATE_LIMIT_PER_MINUTE',
      'INTAKE_NIK_PEPPER',
    ]);
  });

  it('refuses the development defaults in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['LASTRI_DEV, AUTH_JWT_SECRET', 'INTAKE_NIK_PEPPER']);
  });
});
