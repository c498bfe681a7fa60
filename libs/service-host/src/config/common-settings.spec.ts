import { readEventStoreUrl, readHost, readKafkaBrokers, readPort } from './common-settings';

describe('PORT', () => {
  it('falls back when unset or blank, and reads a port number', () => {
    expect(readPort({}, 3000)).toBe(3000);
    expect(readPort({ PORT: ' ' }, 3002)).toBe(3002);
    expect(readPort({ PORT: '8080' }, 3000)).toBe(8080);
    expect(readPort({ PORT: '65535' }, 3000)).toBe(65535);
  });

  it.each(['0', '65536', '3k', '-1', '80.5', '0x50'])(
    'refuses %j, naming PORT and echoing the value',
    (value) => {
      expect(() => readPort({ PORT: value }, 3000)).toThrow(
        `PORT must be a port number from 1 to 65535, got ${JSON.stringify(value)}.`,
      );
    },
  );
});

describe('HOST', () => {
  it('listens on every interface unless told otherwise', () => {
    expect(readHost({})).toBe('0.0.0.0');
    expect(readHost({ HOST: '  ' }, '127.0.0.1')).toBe('127.0.0.1');
    expect(readHost({ HOST: ' 10.0.0.5 ' }, '127.0.0.1')).toBe('10.0.0.5');
  });
});

describe('EVENT_STORE_URL', () => {
  const required = { required: 'postgres://… or sqlite:<path>.' };

  it('reads a store URL of a known scheme', () => {
    expect(
      readEventStoreUrl({ EVENT_STORE_URL: ' postgres://u:p@db:5432/lastri ' }, required),
    ).toBe('postgres://u:p@db:5432/lastri');
    expect(
      readEventStoreUrl(
        { EVENT_STORE_URL: 'kurrentdb://store:2113?tls=false' },
        { fallback: 'sqlite:./x.sqlite' },
      ),
    ).toBe('kurrentdb://store:2113?tls=false');
  });

  it('uses the default when unset, or says what it must be when there is none', () => {
    expect(readEventStoreUrl({ EVENT_STORE_URL: '' }, { fallback: 'sqlite:./data/x.sqlite' })).toBe(
      'sqlite:./data/x.sqlite',
    );
    expect(() => readEventStoreUrl({}, required)).toThrow(
      'EVENT_STORE_URL is required: postgres://… or sqlite:<path>.',
    );
  });

  it('refuses an unknown scheme without echoing the rest of the URL', () => {
    const read = () =>
      readEventStoreUrl({ EVENT_STORE_URL: 'mysql://root:hunter2@db/lastri' }, required);
    expect(read).toThrow(/^EVENT_STORE_URL has the unknown scheme "mysql:"/);
    expect(read).not.toThrow(/hunter2/);
  });
});

describe('KAFKA_BROKERS', () => {
  const required = { required: 'comma-separated host:port of the brokers.' };

  it('reads comma-separated host:port pairs', () => {
    expect(readKafkaBrokers({ KAFKA_BROKERS: '127.0.0.1:29092, kafka-2.internal:9092,' })).toEqual([
      '127.0.0.1:29092',
      'kafka-2.internal:9092',
    ]);
  });

  it('means no Kafka when unset, unless the host needs it', () => {
    expect(readKafkaBrokers({})).toBeUndefined();
    expect(readKafkaBrokers({ KAFKA_BROKERS: ' ' })).toBeUndefined();
    expect(() => readKafkaBrokers({ KAFKA_BROKERS: '' }, required)).toThrow(
      'KAFKA_BROKERS is required: comma-separated host:port of the brokers.',
    );
  });

  it('names every malformed broker', () => {
    expect(() =>
      readKafkaBrokers({ KAFKA_BROKERS: 'kafka, kafka:9092, kafka:port' }, required),
    ).toThrow(
      'KAFKA_BROKERS must be comma-separated host:port pairs, e.g. 127.0.0.1:29092; not "kafka", "kafka:port".',
    );
  });
});
