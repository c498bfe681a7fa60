/**
 * PostgreSQL's append path stores and hashes the texts the port's gate makes of data and metadata
 * (storedJson, via prepareNewEvents) and hashes them with storedEventHash, so they must be byte
 * for byte what hash-chain.ts makes of what a read returns: otherwise verifyChain would call
 * untouched events altered.
 */
import { seededRandom } from '@lastri/kernel';
import { canonicalJson, eventHash, GENESIS_HASH } from './hash-chain';
import { storedEventHash, storedJson } from './stored-form';

/** The text the append path stores for `value`. */
function storedText(value: unknown): string {
  return storedJson(value).json;
}

const AWKWARD_KEYS = [
  '0',
  '1',
  '9',
  '10',
  '01',
  '-1',
  '4294967294',
  '4294967295',
  '__proto__',
  'constructor',
  'toString',
  'toJSON',
  '',
  ' ',
  'a',
  'B',
  'b',
  'é',
  'z',
  'ä',
  '日本',
  '😀',
  'key"quote',
  'back\\slash',
  'new\nline',
];

const AWKWARD_STRINGS = [
  '',
  'plain',
  'quote " inside',
  'backslash \\ inside',
  'control \u0001 \u001f \t \n \r',
  'unicode é ß 日本語',
  'emoji 😀 👩‍👩‍👧',
  'lone surrogate \ud800 here',
  'another \udfff lone',
  '\u2028\u2029',
  '</script>',
];

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  1e21,
  1e-7,
  -123.456,
  Number.MAX_SAFE_INTEGER,
  5e-324,
  1.7976931348623157e308,
];

function jsonValue(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const kind = depth <= 0 ? Math.floor(next() * 4) : Math.floor(next() * 6);
  switch (kind) {
    case 0:
      return pick(AWKWARD_STRINGS) + (next() < 0.3 ? String(next()) : '');
    case 1:
      return next() < 0.5 ? pick(NUMBERS) : Math.round((next() - 0.5) * 1e6) / 1000;
    case 2:
      return next() < 0.5;
    case 3:
      return null;
    case 4:
      return Array.from({ length: Math.floor(next() * 4) }, () => jsonValue(next, depth - 1));
    default: {
      // JSON.parse, as validateNewEvents returns data, so an own "__proto__" key is a plain key.
      const entries = Array.from({ length: Math.floor(next() * 6) }, () => [
        next() < 0.6 ? pick(AWKWARD_KEYS) : `k${Math.floor(next() * 50)}`,
        jsonValue(next, depth - 1),
      ]);
      const text = `{${entries
        .map(([key, item]) => `${JSON.stringify(key)}:${JSON.stringify(item) ?? 'null'}`)
        .join(',')}}`;
      return JSON.parse(text) as unknown;
    }
  }
}

describe('the stored text of data and metadata', () => {
  it('is canonicalJson for JSON values, whatever their keys and strings', () => {
    const next = seededRandom(20_241_127);
    for (let round = 0; round < 3_000; round++) {
      const value = jsonValue(next, 4);
      expect(storedText(value)).toBe(canonicalJson(value));
    }
  });

  it('is canonicalJson of what a JSON round trip stores, for values that are not plain JSON', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3];
    const values: unknown[] = [
      { b: undefined, a: 1, c: [undefined, () => 1, Symbol('s')], d: () => 2 },
      sparse,
      { when: new Date(0), list: [new Date(1)] },
      { toJSON: () => 'replaced', z: 1 },
      { nested: { toJSON: () => ({ y: 2, x: 1 }) } },
      new Map([['a', 1]]),
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
      Object.defineProperty({ b: 1 }, '__proto__', {
        value: { y: 1, x: 2 },
        enumerable: true,
      }),
      'text',
      42,
      null,
      [],
      {},
    ];
    for (const value of values) {
      expect(storedText(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
    }
    // What has no JSON form at all, the gate refuses (data and metadata are objects anyway).
    expect(() => storedText(undefined)).toThrow(TypeError);
  });
});

describe('storedEventHash', () => {
  it('is eventHash of the same event', () => {
    const next = seededRandom(7);
    for (let round = 0; round < 1_000; round++) {
      const data = jsonValue(next, 3);
      const metadata = jsonValue(next, 2);
      const fields = {
        id: `${Math.floor(next() * 1e8)}`.padStart(8, '0') + '-0000-4000-8000-000000000000',
        type: next() < 0.5 ? 'CaseSubmitted' : 'Typ"e é 😀',
        schemaVersion: 1 + Math.floor(next() * 3),
        streamName: next() < 0.5 ? 'intake-abc' : 'odd"stream\\name',
        streamVersion: Math.floor(next() * 1000),
        recordedAt: new Date(Math.floor(next() * 2e12)).toISOString(),
        prevHash: next() < 0.5 ? GENESIS_HASH : 'ab'.repeat(32),
      };
      const expected = eventHash({
        ...fields,
        data,
        metadata: metadata as Parameters<typeof eventHash>[0]['metadata'],
      });
      expect(
        storedEventHash({
          ...fields,
          dataJson: storedText(data),
          metadataJson: storedText(metadata),
        }),
      ).toBe(expected);
    }
  });

  it('is eventHash of the event a read returns, for data that is not plain JSON', () => {
    const fields = {
      id: '00000000-0000-4000-8000-000000000000',
      type: 'Type',
      schemaVersion: 1,
      streamName: 's',
      streamVersion: 0,
      recordedAt: '2025-01-01T00:00:00.000Z',
      prevHash: GENESIS_HASH,
    };
    const data = { b: 1, a: [1, undefined, 2], when: new Date(0), gone: undefined };
    const metadata = { residentId: 'r' } as Parameters<typeof eventHash>[0]['metadata'];
    expect(
      storedEventHash({
        ...fields,
        dataJson: storedText(data),
        metadataJson: storedText(metadata),
      }),
    ).toBe(eventHash({ ...fields, data: JSON.parse(JSON.stringify(data)) as unknown, metadata }));
  });
});
