/**
 * Canonical JSON: object keys sorted at every depth, undefined members dropped, no whitespace.
 * Equal content always gives equal text, so a SHA-256 over it is a digest an auditor can
 * recompute with any tool: the event store's hash chain and eligibility's input digests use it.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export type Sha256Digest = `sha256:${string}`;

/** `sha256:<hex>` of the value's canonical JSON, as UTF-8. */
export function sha256Digest(value: unknown): Sha256Digest {
  return `sha256:${createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .filter((key) => source[key] !== undefined)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}
