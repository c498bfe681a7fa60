import { createHash } from 'node:crypto';

import { canonicalJson, sha256Digest } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members, so equal content gives equal text', () => {
    const a = { b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } };
    const b = { a: { d: [{ y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('digests as sha256 of the canonical UTF-8 text, recomputable with any tool', () => {
    const text = '{"desil":4,"nama":"Siti Aminah"}';
    expect(sha256Digest({ nama: 'Siti Aminah', desil: 4 })).toBe(
      `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`,
    );
  });
});
