import { AgencyKeysWorld, OPERATOR, accepted } from '../../testing/agency-keys-world';
import { agencyStreamName } from './agency-key-stream';
import { hashApiKey } from './api-key-secret';

describe('IssueApiKey', () => {
  let world: AgencyKeysWorld;
  beforeEach(async () => {
    world = await AgencyKeysWorld.create();
  });
  afterEach(() => world.close());

  it('gives the operator a key that authenticates as the agency, and stores only its hash', async () => {
    const issued = accepted(await world.issue.handle({ agencyId: 'disnaker' }, OPERATOR));
    expect(issued.key).toMatch(/^lastri_disnaker_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(issued.key.startsWith(issued.keyPrefix)).toBe(true);

    expect(await world.verifier.verify(issued.key)).toEqual({
      sub: `api-key:${issued.keyId}`,
      name: 'Disnaker / BLK Kota Pasuruan',
      roles: ['agency'],
      kelurahan: [],
      agencyId: 'disnaker',
    });

    const stored = await world.store.readStream(agencyStreamName('disnaker'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'AgencyApiKeyIssued',
      data: {
        keyId: issued.keyId,
        keyHash: hashApiKey(issued.key),
        issuedBy: 'admin:op-dinsos-01',
        expiresAt: null,
      },
      metadata: { actor: 'admin:op-dinsos-01' },
    });
    const secret = issued.key.slice(issued.keyPrefix.length);
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('draws a different key every time', async () => {
    const first = accepted(await world.issue.handle({ agencyId: 'baznas' }, OPERATOR));
    const second = accepted(await world.issue.handle({ agencyId: 'baznas' }, OPERATOR));
    expect(second.key).not.toBe(first.key);
    expect(second.keyId).not.toBe(first.keyId);
    expect(accepted(await world.keys.list('baznas')).keys).toHaveLength(2);
  });

  it('refuses an agency that is not a partner, and keeps nothing', async () => {
    expect(await world.issue.handle({ agencyId: 'dinas-pariwisata' }, OPERATOR)).toMatchObject({
      type: 'AgencyNotFound',
      kind: 'not-found',
    });
    expect(await world.store.readStream(agencyStreamName('dinas-pariwisata'))).toEqual([]);
  });

  it('lets a key expire by itself when issued with an expiry', async () => {
    const issued = accepted(
      await world.issue.handle(
        { agencyId: 'lksa', expiresAt: '2025-11-13T02:00:00.000Z' },
        OPERATOR,
      ),
    );
    expect(await world.verifier.verify(issued.key)).toMatchObject({ agencyId: 'lksa' });
    world.clock.advance(24);
    expect(await world.verifier.verify(issued.key)).toBeUndefined();
    expect(accepted(await world.keys.list('lksa')).keys).toMatchObject([{ status: 'EXPIRED' }]);
  });
});
