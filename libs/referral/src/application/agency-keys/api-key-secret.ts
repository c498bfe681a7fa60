/**
 * Drawing and hashing agency API keys. SHA-256, not a slow password hash: the secret is 256 bits
 * from the operating system's CSPRNG, so there is nothing to guess, and a fast hash keeps every
 * authenticated request cheap (docs/adr/0011-agency-api-keys.md).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { formatApiKey, keyPrefixOf } from '../../domain/agency-keys/api-key-format';
import type { NewKey } from '../../domain/agency-keys/agency-keys.commands';

const SECRET_BYTES = 32;
const KEY_ID_BYTES = 16;

/** A new key: the key itself (shown once, never stored) and what is stored of it. */
export function drawApiKey(agencyId: string): { key: string } & NewKey {
  const keyId = randomBytes(KEY_ID_BYTES).toString('hex');
  const key = formatApiKey(agencyId, keyId, randomBytes(SECRET_BYTES).toString('base64url'));
  return { key, keyId, keyHash: hashApiKey(key), keyPrefix: keyPrefixOf(agencyId, keyId) };
}

/** SHA-256 of the whole key, hex: the agency and key id are covered too, so neither can be swapped. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares in constant time, so response times tell nothing about how much of a guess matched. */
export function matchesHash(presented: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(presented, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
