import { assertNever } from '@lastri/kernel';

import type { AgencyKeyEvent } from './agency-keys.events';

/** One key as the verifier and the key list need it; never the key itself, only its hash. */
export interface AgencyKey {
  readonly keyId: string;
  readonly keyHash: string;
  readonly keyPrefix: string;
  readonly issuedAt: string;
  readonly issuedBy: string;
  /** The earlier of the expiry it was issued with and the end of a rotation's grace; null for none. */
  readonly expiresAt: string | null;
  /** The key that replaced this one, when it was rotated. */
  readonly replacedBy?: string;
  readonly revoked?: {
    readonly revokedAt: string;
    readonly revokedBy: string;
    readonly reason: string;
  };
}

export interface AgencyKeysState {
  /** By keyId, in the order they were issued. */
  readonly keys: ReadonlyMap<string, AgencyKey>;
}

export const initialState: AgencyKeysState = { keys: new Map() };

export function evolve(state: AgencyKeysState, event: AgencyKeyEvent): AgencyKeysState {
  switch (event.type) {
    case 'AgencyApiKeyIssued': {
      const { keyId, keyHash, keyPrefix, issuedAt, issuedBy, expiresAt, replaces } = event.data;
      const keys = new Map(state.keys);
      keys.set(keyId, { keyId, keyHash, keyPrefix, issuedAt, issuedBy, expiresAt });
      const replaced = replaces && keys.get(replaces.keyId);
      if (replaces && replaced) {
        keys.set(replaces.keyId, {
          ...replaced,
          replacedBy: keyId,
          expiresAt: earlier(replaced.expiresAt, replaces.graceUntil),
        });
      }
      return { keys };
    }
    case 'AgencyApiKeyRevoked': {
      const { keyId, revokedAt, revokedBy, reason } = event.data;
      const key = state.keys.get(keyId);
      if (key === undefined) return state;
      const keys = new Map(state.keys);
      keys.set(keyId, { ...key, revoked: { revokedAt, revokedBy, reason } });
      return { keys };
    }
    default:
      return assertNever(event, 'agency key event');
  }
}

/** Whether the key authenticates at `now` (an ISO instant): neither revoked nor expired. */
export function isKeyUsable(key: AgencyKey, now: string): boolean {
  return (
    key.revoked === undefined &&
    (key.expiresAt === null || Date.parse(now) < Date.parse(key.expiresAt))
  );
}

function earlier(expiresAt: string | null, graceUntil: string): string {
  return expiresAt !== null && Date.parse(expiresAt) < Date.parse(graceUntil)
    ? expiresAt
    : graceUntil;
}
