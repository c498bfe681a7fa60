import { AgencyKeysWorld, OPERATOR, accepted } from '../../testing/agency-keys-world';

describe('RevokeApiKey', () => {
  let world: AgencyKeysWorld;
  beforeEach(async () => {
    world = await AgencyKeysWorld.create();
  });
  afterEach(() => world.close());

  it('stops the key at once, and records who revoked it and why', async () => {
    const issued = accepted(await world.issue.handle({ agencyId: 'baznas' }, OPERATOR));
    expect(await world.verifier.verify(issued.key)).toBeDefined();

    accepted(
      await world.revoke.handle(
        { agencyId: 'baznas', keyId: issued.keyId, reason: 'Kunci bocor.' },
        OPERATOR,
      ),
    );
    expect(await world.verifier.verify(issued.key)).toBeUndefined();
    expect(accepted(await world.keys.list('baznas')).keys).toMatchObject([
      {
        keyId: issued.keyId,
        status: 'REVOKED',
        revokedBy: 'admin:op-dinsos-01',
        revocationReason: 'Kunci bocor.',
      },
    ]);
    expect(
      await world.revoke.handle(
        { agencyId: 'baznas', keyId: issued.keyId, reason: 'lagi' },
        OPERATOR,
      ),
    ).toMatchObject({ type: 'ApiKeyRevoked' });
  });

  it('ends a rotation’s grace period early', async () => {
    const old = accepted(await world.issue.handle({ agencyId: 'baznas' }, OPERATOR));
    const fresh = accepted(
      await world.rotate.handle({ agencyId: 'baznas', keyId: old.keyId, graceHours: 48 }, OPERATOR),
    );
    accepted(
      await world.revoke.handle(
        { agencyId: 'baznas', keyId: old.keyId, reason: 'Sudah pindah ke kunci baru.' },
        OPERATOR,
      ),
    );
    expect(await world.verifier.verify(old.key)).toBeUndefined();
    expect(await world.verifier.verify(fresh.key)).toBeDefined();
  });

  it('answers not found for a key of another agency', async () => {
    const issued = accepted(await world.issue.handle({ agencyId: 'baznas' }, OPERATOR));
    expect(
      await world.revoke.handle({ agencyId: 'lksa', keyId: issued.keyId, reason: 'x' }, OPERATOR),
    ).toMatchObject({ type: 'ApiKeyNotFound' });
    expect(await world.verifier.verify(issued.key)).toBeDefined();
  });
});
