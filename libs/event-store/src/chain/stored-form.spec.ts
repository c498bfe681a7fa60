import { GENESIS_HASH, canonicalJson, eventHash, type HashedFields } from './hash-chain';
import { storedEventHash, storedJson } from './stored-form';

/** What the stores kept before serialise-once: the JSON round trip of the value. */
function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

class Money {
  constructor(
    readonly amount: number,
    readonly currency: string,
  ) {}
  get display(): string {
    return `${this.currency} ${this.amount}`;
  }
}

const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, {
  z: 1,
  a: { y: [null], b: 'β' },
});

const sparse: unknown[] = [1, , 3]; // eslint-disable-line no-sparse-arrays

/** Data and metadata as callers might hand them over, JSON's corners included. */
const values: [string, Record<string, unknown>][] = [
  ['empty', {}],
  ['flat, unsorted', { programme: 'PKH', kelurahan: 'Kandangsapi', desil: 2, approved: true }],
  [
    'nested objects and arrays',
    {
      zeta: { b: [{ y: 1, x: 2 }, [{ d: 4, c: 3 }], []], a: {} },
      alpha: [[[]], { '': 'empty key' }],
      reasons: [
        { rule: 'desil<=4', passed: true },
        { rule: 'ktp-domicile', passed: false },
      ],
    },
  ],
  [
    'unicode',
    {
      note: 'Bantuan sekolah — Rp 1.500.000 ✓',
      emoji: '👩🏽‍⚕️',
      ключ: 'значение',
      Ä: 'upper before lower',
      a: 'ascii',
      escapes: 'quote " backslash \\ newline \n tab \t nul \u0000 del \u007f',
      lineSeparators: '\u2028\u2029',
      loneSurrogates: 'high \ud800 low \udc00 reversed \udc00\ud800',
    },
  ],
  [
    'numbers',
    {
      big: 1e21,
      small: 1e-7,
      negativeZero: -0,
      nested: [-0, 0.1 + 0.2, -1e-300],
      maxSafe: 9_007_199_254_740_991,
      beyondSafe: Number.MAX_SAFE_INTEGER + 2,
      max: Number.MAX_VALUE,
      min: Number.MIN_VALUE,
      notANumber: NaN,
      infinities: [Infinity, -Infinity],
    },
  ],
  [
    'undefined, functions and symbols',
    {
      missing: undefined,
      nested: { missing: undefined, kept: null },
      inArray: [undefined, () => 1, Symbol('s'), 'kept'],
      method: () => 'dropped',
      symbol: Symbol('dropped'),
    },
  ],
  [
    'array-index keys',
    {
      '10': 'ten',
      '2': 'two',
      b: 'b',
      '01': 'not an index',
      '-1': 'not either',
      '4294967295': 'too big',
      '4294967294': 'largest index',
      a: 'a',
    },
  ],
  [
    'a __proto__ key',
    JSON.parse('{"b": 1, "__proto__": {"polluted": true}, "a": [{"__proto__": 2}]}'),
  ],
  [
    'toJSON, Dates and class instances',
    {
      occurred: new Date('2025-03-14T08:30:12.345Z'),
      invalidDate: new Date(Number.NaN),
      money: new Money(1_500_000, 'IDR'),
      custom: { toJSON: (key: string) => ({ key, z: 1, a: 2 }) },
      boxed: [Object(1), Object('s'), Object(false)],
      map: new Map([['k', 'v']]),
    },
  ],
  [
    'a null prototype',
    { inner: nullPrototype, top: Object.assign(Object.create(null), { b: 2, a: 1 }) },
  ],
  ['a sparse array', { sparse }],
  ['deeper than the fast copy goes', { deep: nest(150) }],
  [
    'metadata',
    {
      residentId: '0f0e7d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f',
      correlationId: 'c0ffee00-0000-4000-8000-000000000000',
      actor: 'service:eligibility',
      occurredAt: '2025-03-14T08:30:12.345+07:00',
      caseId: undefined,
    },
  ],
];

function nest(depth: number): unknown {
  let value: unknown = { leaf: true, a: -0 };
  for (let level = 0; level < depth; level++)
    value = { z: level, next: [value], a: level % 2 === 0 };
  return value;
}

describe('storedJson', () => {
  it.each(values)('keeps %s as the JSON round trip would, in canonical text', (_, value) => {
    const stored = storedJson(value);
    expect(stored.value).toStrictEqual(roundTrip(value));
    expect(stored.json).toBe(canonicalJson(roundTrip(value)));
    // What a read parses is what was returned, in the same key order, and hashes the same.
    expect(JSON.parse(stored.json)).toStrictEqual(stored.value);
    expect(JSON.stringify(stored.value)).toBe(stored.json);
    expect(canonicalJson(JSON.parse(stored.json))).toBe(stored.json);
  });

  it('leaves the value it was given as it was', () => {
    const value = { b: [{ d: 1, c: undefined }], a: new Date(0) };
    const before = { b: [{ d: 1, c: undefined }], a: new Date(0) };
    storedJson(value);
    expect(value).toStrictEqual(before);
    expect(Object.keys(value)).toEqual(['b', 'a']);
  });

  it('does not share objects with the value it was given', () => {
    const inner = { a: 1 };
    const stored = storedJson({ inner, list: [inner] }).value as { inner: object; list: object[] };
    expect(stored.inner).not.toBe(inner);
    expect(stored.list[0]).not.toBe(inner);
  });

  it('throws what JSON.stringify throws', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { back: cyclic };
    expect(() => storedJson(cyclic)).toThrow(TypeError);
    expect(() => storedJson({ amount: 10n })).toThrow(TypeError);
    expect(() => storedJson({ nested: [{ amount: 10n }] })).toThrow(/BigInt/);
  });
});

describe('storedEventHash', () => {
  const base = {
    id: '5b0f1a52-6c8e-4f1e-9a3d-7e2b4c6d8f0a',
    type: 'EligibilityDetermined',
    schemaVersion: 1,
    streamName: 'eligibility-0f0e7d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f',
    streamVersion: 0,
    recordedAt: '2025-03-14T08:30:12.345Z',
    prevHash: GENESIS_HASH,
  };
  const variations: [string, Partial<typeof base>][] = [
    ['the first event of a stream', {}],
    ['a later event', { streamVersion: 41, prevHash: 'ab'.repeat(32) }],
    [
      'a large schema version and stream version',
      { schemaVersion: 1e21, streamVersion: 2 ** 53 - 1 },
    ],
    [
      'text that JSON escapes',
      { type: 'Quote"And\\Backslash\u2028', streamName: 'intake-ünïcödé-👩🏽‍⚕️', id: 'X\ud800' },
    ],
  ];

  it.each(
    values.flatMap(([name, data]) =>
      variations.map(([how, fields]) => [name, how, data, fields] as const),
    ),
  )('is eventHash of the stored event: data %s, %s', (_, __, data, fields) => {
    const metadata = values[values.length - 1][1];
    const event = { ...base, ...fields };
    const storedData = storedJson(data);
    const storedMetadata = storedJson(metadata);
    const hash = storedEventHash({
      ...event,
      dataJson: storedData.json,
      metadataJson: storedMetadata.json,
    });
    // As a later read returns the event: data and metadata parsed from the stored text.
    const asRead: HashedFields = {
      ...event,
      data: JSON.parse(storedData.json),
      metadata: JSON.parse(storedMetadata.json),
    };
    expect(hash).toBe(eventHash(asRead));
    // As the stores hashed before: over the round trip of what the caller gave.
    expect(hash).toBe(
      eventHash({ ...event, data: roundTrip(data), metadata: roundTrip(metadata) } as HashedFields),
    );
  });

  it('hashes data far larger than its first buffer', () => {
    const data = {
      note: '✓'.repeat(100_000),
      list: Array.from({ length: 5_000 }, (_, i) => ({ i })),
    };
    const stored = storedJson(data);
    const metadata = storedJson({ residentId: 'r' });
    expect(storedEventHash({ ...base, dataJson: stored.json, metadataJson: metadata.json })).toBe(
      eventHash({ ...base, data: stored.value, metadata: metadata.value } as HashedFields),
    );
  });

  it('changes with every field it covers', () => {
    const stored = { ...base, dataJson: '{"a":1}', metadataJson: '{"residentId":"r"}' };
    const hashes = new Set([
      storedEventHash(stored),
      storedEventHash({ ...stored, dataJson: '{"a":2}' }),
      storedEventHash({ ...stored, metadataJson: '{"residentId":"s"}' }),
      storedEventHash({ ...stored, id: 'other' }),
      storedEventHash({ ...stored, type: 'Other' }),
      storedEventHash({ ...stored, schemaVersion: 2 }),
      storedEventHash({ ...stored, streamName: 'other' }),
      storedEventHash({ ...stored, streamVersion: 1 }),
      storedEventHash({ ...stored, recordedAt: '2025-03-14T08:30:12.346Z' }),
      storedEventHash({ ...stored, prevHash: 'f'.repeat(64) }),
    ]);
    expect(hashes.size).toBe(10);
  });
});
