import { START as LOG_START } from '@kurrent/kurrentdb-client';

import { START } from '../../port/event-store';
import { comparePositions, decodePosition, encodePosition } from './kurrentdb-position';

describe('KurrentDB positions', () => {
  it('encodes commit and prepare zero-padded to 20 digits each', () => {
    expect(encodePosition({ commit: 1234n, prepare: 1200n })).toBe(
      '00000000000000001234:00000000000000001200',
    );
    expect(encodePosition({ commit: (1n << 64n) - 1n, prepare: 0n })).toBe(
      '18446744073709551615:00000000000000000000',
    );
  });

  it('decodes what it encodes, and START as the start of the log', () => {
    const position = { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_992n };
    expect(decodePosition(encodePosition(position))).toEqual(position);
    expect(decodePosition(START)).toBe(LOG_START);
    expect(decodePosition('1:2')).toEqual({ commit: 1n, prepare: 2n });
  });

  it('sorts as text exactly as KurrentDB orders $all: by commit, then prepare', () => {
    const positions = [
      { commit: 10n, prepare: 10n },
      { commit: 9n, prepare: 100n },
      { commit: 100n, prepare: 1n },
      { commit: 10n, prepare: 9n },
      { commit: 1n << 40n, prepare: 1n << 40n },
      { commit: 10n, prepare: 11n },
      { commit: 0n, prepare: 0n },
    ];
    const byTuple = [...positions].sort(comparePositions).map(encodePosition);
    const byText = positions.map(encodePosition).sort();
    expect(byText).toEqual(byTuple);
    expect(byTuple[0]).toBe('00000000000000000000:00000000000000000000');
    expect(decodePosition(byTuple[1])).toEqual({ commit: 9n, prepare: 100n });
  });

  it.each([
    '42',
    '00000000000000000042',
    '1:2:3',
    'x:1',
    '-1:0',
    '',
    '18446744073709551616:0',
    '123456789012345678901:0',
  ])('refuses %j, which is not one of its positions', (position) => {
    expect(() => decodePosition(position)).toThrow(RangeError);
  });

  it('refuses to encode what is not a 64-bit log position', () => {
    expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodePosition({ commit: 1n << 64n, prepare: 0n })).toThrow(RangeError);
  });
});
