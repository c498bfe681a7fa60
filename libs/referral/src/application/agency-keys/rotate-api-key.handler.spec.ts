import { AgencyKeysWorld, OPERATOR, accepted } from '../../testing/agency-keys-world';

describe('RotateApiKey', () => {
  let world: AgencyKeysWorld;
  beforeEach(async () => {
    world = await AgencyKeysWorld.create('2025-11-12T02:00:00.000Z');
  });
  afterEach(() => world.close());

  it('keeps the old key working through the grace period, and not after', async () => {
    const old = accepted(await world.issue.handle({ agencyId: 'dinas-kesehatan' }, OPERATOR));
    const rotated = accepted(
      await world.rotate.handle(
        { agencyId: 'dinas-kesehatan', keyId: old.keyId, graceHours: 24 },
        OPERATOR,
      ),
    );
    expect(rotated.replaced).toEqual({ keyId: old.keyId, graceUntil: '2025-11-13T02:00:00.000Z' });

    world.clock.advance(23);
    expect(await world.verifier.verify(old.key)).toMatchObject({ agencyId: 'dinas-kesehatan' });
    expect(await world.verifier.verify(rotated.key)).toMatchObject({ agencyId: 'dinas-kesehatan' });

    world.clock.advance(1);
    expect(await world.verifier.verify(old.key)).toBeUndefined();
    expect(await world.verifier.verify(rotated.key)).toMatchObject({
      sub: `api-key:${rotated.keyId}`,
    });
    expect(accepted(await world.keys.list('dinas-kesehatan')).keys).toMatchObject([
      {
        keyId: old.keyId,
        status: 'EXPIRED',
        replacedBy: rotated.keyId,
        expiresAt: '2025-11-13T02:00:00.000Z',
      },
      { keyId: rotated.keyId, status: 'ACTIVE', expiresAt: null },
    ]);
  });

  it('defaults to a day of grace; zero hours ends the old key at once', async () => {
    const first = accepted(await world.issue.handle({ agencyId: 'disnaker' }, OPERATOR));
    const second = accepted(
      await world.rotate.handle({ agencyId: 'disnaker', keyId: first.keyId }, OPERATOR),
    );
    expect(second.replaced.graceUntil).toBe('2025-11-13T02:00:00.000Z');

    const third = accepted(
      await world.rotate.handle(
        { agencyId: 'disnaker', keyId: second.keyId, graceHours: 0 },
        OPERATOR,
      ),
    );
    expect(await world.verifier.verify(second.key)).toBeUndefined();
    expect(await world.verifier.verify(third.key)).toMatchObject({ agencyId: 'disnaker' });
  });

  it('refuses to rotate a key twice, or a key the agency does not have', async () => {
    const old = accepted(await world.issue.handle({ agencyId: 'disnaker' }, OPERATOR));
    accepted(await world.rotate.handle({ agencyId: 'disnaker', keyId: old.keyId }, OPERATOR));
    expect(
      await world.rotate.handle({ agencyId: 'disnaker', keyId: old.keyId }, OPERATOR),
    ).toMatchObject({ type: 'ApiKeyAlreadyRotated', kind: 'conflict' });
    expect(
      await world.rotate.handle({ agencyId: 'baznas', keyId: old.keyId }, OPERATOR),
    ).toMatchObject({ type: 'ApiKeyNotFound', kind: 'not-found' });
  });
});
