import { DeciderSpecification } from '@lastri/decider/src/testing';

import type { AgencyKeyCommand, NewKey } from './agency-keys.commands';
import { agencyKeysDecider } from './agency-keys.decider';
import type { AgencyKeyEvent } from './agency-keys.events';
import { refuse } from './agency-keys.errors';
import { formatApiKey, keyPrefixOf, parseApiKey } from './api-key-format';

const spec = DeciderSpecification.for(agencyKeysDecider);

const OLD_ID = 'a'.repeat(32);
const NEW_ID = 'b'.repeat(32);
const newKey = (keyId: string): NewKey => ({
  keyId,
  keyHash: keyId.slice(0, 1).repeat(64),
  keyPrefix: keyPrefixOf('disnaker', keyId),
});
const ADMIN = 'admin:op-01';

const issued = (keyId: string, expiresAt: string | null = null): AgencyKeyEvent => ({
  type: 'AgencyApiKeyIssued',
  data: {
    agencyId: 'disnaker',
    ...newKey(keyId),
    issuedAt: '2025-11-10T09:00:00+07:00',
    issuedBy: ADMIN,
    expiresAt,
  },
});
const revoked: AgencyKeyEvent = {
  type: 'AgencyApiKeyRevoked',
  data: {
    agencyId: 'disnaker',
    keyId: OLD_ID,
    revokedAt: '2025-11-11T09:00:00+07:00',
    revokedBy: ADMIN,
    reason: 'bocor',
  },
};

const issue = (agencyId: string, expiresAt: string | null = null): AgencyKeyCommand => ({
  type: 'IssueApiKey',
  data: {
    agencyId,
    key: newKey(OLD_ID),
    issuedAt: '2025-11-10T09:00:00+07:00',
    issuedBy: ADMIN,
    expiresAt,
  },
});
const rotate = (
  at = '2025-11-12T09:00:00+07:00',
  graceUntil = '2025-11-13T09:00:00+07:00',
): AgencyKeyCommand => ({
  type: 'RotateApiKey',
  data: {
    agencyId: 'disnaker',
    keyId: OLD_ID,
    newKey: newKey(NEW_ID),
    rotatedAt: at,
    rotatedBy: ADMIN,
    graceUntil,
  },
});
const revoke = (keyId = OLD_ID): AgencyKeyCommand => ({
  type: 'RevokeApiKey',
  data: {
    agencyId: 'disnaker',
    keyId,
    revokedAt: '2025-11-11T09:00:00+07:00',
    revokedBy: ADMIN,
    reason: 'bocor',
  },
});

describe('agency keys decider', () => {
  it('issues a key to a known agency, recording only its hash and prefix', () => {
    spec.given().when(issue('disnaker')).thenEmits(issued(OLD_ID));
  });

  it('refuses a key for an agency that is not a partner, and an expiry that is not after the issue', () => {
    spec
      .given()
      .when(issue('dinas-pariwisata'))
      .thenRefuses(refuse.agencyNotFound('dinas-pariwisata'));
    spec
      .given()
      .when(issue('disnaker', '2025-11-10T08:00:00+07:00'))
      .thenRefuses((refusal) => refusal.type === 'ExpiryNotInFuture');
    spec.given(issued(OLD_ID)).when(issue('disnaker')).thenRefuses(refuse.alreadyIssued(OLD_ID));
  });

  it('rotates a key into a new one that names the old one and the end of its grace period', () => {
    spec
      .given(issued(OLD_ID))
      .when(rotate())
      .thenEmits({
        type: 'AgencyApiKeyIssued',
        data: {
          agencyId: 'disnaker',
          ...newKey(NEW_ID),
          issuedAt: '2025-11-12T09:00:00+07:00',
          issuedBy: ADMIN,
          expiresAt: null,
          replaces: { keyId: OLD_ID, graceUntil: '2025-11-13T09:00:00+07:00' },
        },
      });
  });

  it('rotates a key only once, and never a revoked, expired or unknown one', () => {
    const rotated = agencyKeysDecider.decide(
      rotate(),
      agencyKeysDecider.evolve(agencyKeysDecider.initialState, issued(OLD_ID)),
    ) as AgencyKeyEvent[];
    spec
      .given(issued(OLD_ID), ...rotated)
      .when(rotate())
      .thenRefuses(refuse.alreadyRotated(OLD_ID, NEW_ID));
    spec.given(issued(OLD_ID), revoked).when(rotate()).thenRefuses(refuse.revoked(OLD_ID));
    spec
      .given(issued(OLD_ID, '2025-11-11T09:00:00+07:00'))
      .when(rotate())
      .thenRefuses(refuse.expired(OLD_ID));
    spec.given().when(rotate()).thenRefuses(refuse.keyNotFound('disnaker', OLD_ID));
  });

  it('revokes a key once; an unknown key is not found', () => {
    spec.given(issued(OLD_ID)).when(revoke()).thenEmits(revoked);
    spec.given(issued(OLD_ID), revoked).when(revoke()).thenRefuses(refuse.revoked(OLD_ID));
    spec
      .given(issued(OLD_ID))
      .when(revoke(NEW_ID))
      .thenRefuses(refuse.keyNotFound('disnaker', NEW_ID));
  });

  it('keeps the earlier of a key’s own expiry and its rotation grace', () => {
    const state = [
      issued(OLD_ID, '2025-11-12T12:00:00+07:00'),
      ...(agencyKeysDecider.decide(
        rotate(),
        agencyKeysDecider.evolve(
          agencyKeysDecider.initialState,
          issued(OLD_ID, '2025-11-12T12:00:00+07:00'),
        ),
      ) as AgencyKeyEvent[]),
    ].reduce(agencyKeysDecider.evolve, agencyKeysDecider.initialState);
    expect(state.keys.get(OLD_ID)).toMatchObject({
      expiresAt: '2025-11-12T12:00:00+07:00',
      replacedBy: NEW_ID,
    });
  });
});

describe('API key format', () => {
  const secret = 'Q'.repeat(20) + '_-' + 'z'.repeat(21);

  it('reads back the agency and key id of a key it formatted, even with "_" in the secret', () => {
    expect(parseApiKey(formatApiKey('dinas-kesehatan', OLD_ID, secret))).toEqual({
      agencyId: 'dinas-kesehatan',
      keyId: OLD_ID,
    });
  });

  it('refuses anything not shaped like a key', () => {
    for (const presented of [
      '',
      'lastri_disnaker',
      `lastri_Disnaker_${OLD_ID}_${secret}`,
      `lastri_disnaker_${OLD_ID}_${secret}x`,
      `other_disnaker_${OLD_ID}_${secret}`,
    ]) {
      expect(parseApiKey(presented)).toBeUndefined();
    }
  });
});
