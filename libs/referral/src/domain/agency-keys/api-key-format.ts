/**
 * An agency API key reads `lastri_<agencyId>_<keyId>_<secret>`: the keyId is 128 random bits in
 * hex, the secret 256 random bits in base64url (43 characters). The agency and key id up front
 * let the verifier find the one stored hash to compare with, and let a leaked key be recognised
 * (secret scanners, a support ticket) for what it is and whose it is. The agency id never holds
 * "_", so the parts split unambiguously even though base64url may.
 */
const API_KEY = /^lastri_([a-z0-9]+(?:-[a-z0-9]+)*)_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const MAX_API_KEY_LENGTH = 200;

export interface ApiKeyParts {
  readonly agencyId: string;
  readonly keyId: string;
}

export function formatApiKey(agencyId: string, keyId: string, secret: string): string {
  return `${keyPrefixOf(agencyId, keyId)}${secret}`;
}

/** Everything before the secret: safe to list, store and log. */
export function keyPrefixOf(agencyId: string, keyId: string): string {
  return `lastri_${agencyId}_${keyId}_`;
}

/** The agency and key a presented key claims to be, or undefined when it is not shaped like one. */
export function parseApiKey(presented: string): ApiKeyParts | undefined {
  if (presented.length > MAX_API_KEY_LENGTH) return undefined;
  const match = API_KEY.exec(presented);
  return match === null ? undefined : { agencyId: match[1], keyId: match[2] };
}
