/**
 * The API keys of one partner agency (stream `agency-<agencyId>`): issued, rotated with a grace
 * period, revoked. Every change is an event, so who gave an agency's system access, and who took
 * it away when, stays in the audited history (docs/adr/0011-agency-api-keys.md).
 */
import { assertNever, type Decider } from '@lastri/kernel';

import { isAgencyId } from '../agencies';
import type {
  AgencyKeyCommand,
  IssueApiKey,
  RevokeApiKey,
  RotateApiKey,
} from './agency-keys.commands';
import { refuse, type AgencyKeyError } from './agency-keys.errors';
import type { AgencyKeyEvent } from './agency-keys.events';
import {
  evolve,
  initialState,
  isKeyUsable,
  type AgencyKey,
  type AgencyKeysState,
} from './agency-keys.state';

export function decide(
  command: AgencyKeyCommand,
  state: AgencyKeysState,
): AgencyKeyEvent[] | AgencyKeyError {
  if (!isAgencyId(command.data.agencyId)) return refuse.agencyNotFound(command.data.agencyId);
  switch (command.type) {
    case 'IssueApiKey':
      return issue(command.data, state);
    case 'RotateApiKey':
      return rotate(command.data, state);
    case 'RevokeApiKey':
      return revoke(command.data, state);
    default:
      return assertNever(command, 'agency key command');
  }
}

function issue(
  data: IssueApiKey['data'],
  state: AgencyKeysState,
): AgencyKeyEvent[] | AgencyKeyError {
  if (state.keys.has(data.key.keyId)) return refuse.alreadyIssued(data.key.keyId);
  if (data.expiresAt !== null && Date.parse(data.expiresAt) <= Date.parse(data.issuedAt)) {
    return refuse.expiryNotInFuture(data.expiresAt);
  }
  return [
    {
      type: 'AgencyApiKeyIssued',
      data: {
        agencyId: data.agencyId,
        ...data.key,
        issuedAt: data.issuedAt,
        issuedBy: data.issuedBy,
        expiresAt: data.expiresAt,
      },
    },
  ];
}

/**
 * A new key, and the old one kept working until the grace period ends, so the agency can deploy
 * the new key before the old one stops. Only a usable key that has not been rotated yet: a second
 * rotation would leave two successors, and an expired or revoked key is replaced by issuing anew.
 */
function rotate(
  data: RotateApiKey['data'],
  state: AgencyKeysState,
): AgencyKeyEvent[] | AgencyKeyError {
  const old = usableKey(state, data.agencyId, data.keyId, data.rotatedAt);
  if (!isKey(old)) return old;
  if (old.replacedBy !== undefined) return refuse.alreadyRotated(old.keyId, old.replacedBy);
  if (state.keys.has(data.newKey.keyId)) return refuse.alreadyIssued(data.newKey.keyId);
  return [
    {
      type: 'AgencyApiKeyIssued',
      data: {
        agencyId: data.agencyId,
        ...data.newKey,
        issuedAt: data.rotatedAt,
        issuedBy: data.rotatedBy,
        expiresAt: null,
        replaces: { keyId: old.keyId, graceUntil: data.graceUntil },
      },
    },
  ];
}

/** Revoking works on an expired or rotated key too: it ends a grace period early. */
function revoke(
  data: RevokeApiKey['data'],
  state: AgencyKeysState,
): AgencyKeyEvent[] | AgencyKeyError {
  const key = state.keys.get(data.keyId);
  if (key === undefined) return refuse.keyNotFound(data.agencyId, data.keyId);
  if (key.revoked !== undefined) return refuse.revoked(key.keyId);
  const { agencyId, keyId, revokedAt, revokedBy, reason } = data;
  return [{ type: 'AgencyApiKeyRevoked', data: { agencyId, keyId, revokedAt, revokedBy, reason } }];
}

function usableKey(
  state: AgencyKeysState,
  agencyId: string,
  keyId: string,
  at: string,
): AgencyKey | AgencyKeyError {
  const key = state.keys.get(keyId);
  if (key === undefined) return refuse.keyNotFound(agencyId, keyId);
  if (key.revoked !== undefined) return refuse.revoked(keyId);
  if (!isKeyUsable(key, at)) return refuse.expired(keyId);
  return key;
}

function isKey(value: AgencyKey | AgencyKeyError): value is AgencyKey {
  return 'keyHash' in value;
}

export const agencyKeysDecider: Decider<
  AgencyKeyCommand,
  AgencyKeyEvent,
  AgencyKeysState,
  AgencyKeyError
> = {
  initialState,
  evolve,
  decide,
};
