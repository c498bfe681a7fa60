import type { Actor } from '../actor/actor';

/**
 * Verifies an API key presented by a partner agency's system (`Authorization: ApiKey <key>` or
 * `X-Api-Key: <key>`). Optional: a host that provides one under API_KEY_VERIFIER lets the global
 * AuthGuard accept keys; without one, only bearer tokens authenticate. The implementation lives
 * with the keys (the referral context); auth only knows this port.
 */
export interface ApiKeyVerifier {
  /**
   * The agency the key stands for, or undefined for a key that is unknown, revoked, expired or
   * malformed; the caller learns nothing about which. May throw KeySourceUnavailableError when the
   * keys cannot be read (503, not 401). Never logs the key.
   */
  verify(presentedKey: string): Promise<Actor | undefined>;
}

/**
 * The actor an API key authenticates as: the agency's system, not a person, so `sub` names the
 * key. History then reads `agency:<agencyId>:api-key:<keyId>` (actorId), which says which key
 * acted, and a revoked key's past actions stay attributable.
 */
export function apiKeyActor(key: { keyId: string; agencyId: string; agencyName: string }): Actor {
  return {
    sub: `api-key:${key.keyId}`,
    name: key.agencyName,
    roles: ['agency'],
    kelurahan: [],
    agencyId: key.agencyId,
  };
}
