import { AuthConfigError } from '@lastri/auth';

import { ConfigError, collectConfig, loadConfigOrExit } from './config-problems';

function refusal(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

const fail = (message: string) => (): never => {
  throw new Error(message);
};

describe('collectConfig', () => {
  it('returns every value under its key', () => {
    expect(
      collectConfig({
        port: ['PORT', () => 3000],
        host: ['HOST', () => '0.0.0.0'],
        brokers: ['KAFKA_BROKERS', () => undefined],
      }),
    ).toEqual({
      port: 3000,
      host: '0.0.0.0',
      brokers: undefined,
    });
  });

  it('reads everything before refusing, and names each variable in order', () => {
    const reads: string[] = [];
    const error = refusal(() =>
      collectConfig({
        url: ['EVENT_STORE_URL', fail('EVENT_STORE_URL is required.')],
        port: ['PORT', () => reads.push('PORT')],
        auth: [
          'AUTH_JWT_SECRET',
          () => {
            throw new AuthConfigError(
              ['AUTH_JWT_SECRET', 'AUTH_JWKS_URL'],
              'Set AUTH_JWT_SECRET or AUTH_JWKS_URL.',
            );
          },
        ],
        pepper: ['INTAKE_NIK_PEPPER', fail('INTAKE_NIK_PEPPER is too short.')],
      }),
    );
    expect(reads).toEqual(['PORT']);
    expect(error.problems).toEqual([
      { variable: 'EVENT_STORE_URL', message: 'EVENT_STORE_URL is required.' },
      {
        variable: 'AUTH_JWT_SECRET, AUTH_JWKS_URL',
        message: 'Set AUTH_JWT_SECRET or AUTH_JWKS_URL.',
      },
      { variable: 'INTAKE_NIK_PEPPER', message: 'INTAKE_NIK_PEPPER is too short.' },
    ]);
    expect(error.message).toBe(
      'EVENT_STORE_URL is required.\nSet AUTH_JWT_SECRET or AUTH_JWKS_URL.\nINTAKE_NIK_PEPPER is too short.',
    );
  });
});

describe('loadConfigOrExit', () => {
  let exit: jest.SpyInstance;
  const logger = { error: jest.fn() };

  beforeEach(() => {
    logger.error.mockReset();
    exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
  });
  afterEach(() => exit.mockRestore());

  it('hands back the configuration', () => {
    expect(loadConfigOrExit(() => ({ port: 3000 }), logger, 'The intake service')).toEqual({
      port: 3000,
    });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('logs every problem and stops with status 1 before anything starts', () => {
    const load = () =>
      collectConfig({
        url: ['EVENT_STORE_URL', fail('EVENT_STORE_URL is required.')],
        port: ['PORT', fail('PORT must be a port.')],
      });
    expect(() => loadConfigOrExit(load, logger, 'The intake service')).toThrow('exit 1');
    expect(logger.error.mock.calls).toEqual([
      ['EVENT_STORE_URL is required.'],
      ['PORT must be a port.'],
      ['The intake service is not started: fix the configuration above.'],
    ]);
  });

  it('lets an error that is not about configuration through', () => {
    expect(() => loadConfigOrExit(fail('disk on fire'), logger, 'The intake service')).toThrow(
      'disk on fire',
    );
    expect(exit).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });
});
