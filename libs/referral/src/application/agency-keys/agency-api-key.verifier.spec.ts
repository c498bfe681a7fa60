import { KeySourceUnavailableError } from '@lastri/auth';

import { AgencyKeysWorld, OPERATOR, accepted } from '../../testing/agency-keys-world';
import { AgencyApiKeyVerifier } from './agency-api-key.verifier';

describe('AgencyApiKeyVerifier', () => {
  let world: AgencyKeysWorld;
  beforeEach(async () => {
    world = await AgencyKeysWorld.create();
  });
  afterEach(() => world.close());

  it('refuses a key of one agency presented under another agency’s id', async () => {
    const disnaker = accepted(await world.issue.handle({ agencyId: 'disnaker' }, OPERATOR));
    accepted(await world.issue.handle({ agencyId: 'baznas' }, OPERATOR));
    const tampered = disnaker.key.replace('lastri_disnaker_', 'lastri_baznas_');
    expect(await world.verifier.verify(tampered)).toBeUndefined();
    expect(await world.verifier.verify(disnaker.key)).toMatchObject({ agencyId: 'disnaker' });
  });

  it('refuses a right key id with a wrong secret, and anything not shaped like a key', async () => {
    const issued = accepted(await world.issue.handle({ agencyId: 'disnaker' }, OPERATOR));
    const last = issued.key.at(-1) === 'A' ? 'B' : 'A';
    for (const presented of [issued.key.slice(0, -1) + last, issued.keyPrefix, 'Bearer x', '']) {
      expect(await world.verifier.verify(presented)).toBeUndefined();
    }
  });

  it('reports a store it cannot read as unavailable, without the key in the message', async () => {
    const issued = accepted(await world.issue.handle({ agencyId: 'disnaker' }, OPERATOR));
    const broken = new AgencyApiKeyVerifier({
      store: {
        ...world.store,
        readStream: async () => Promise.reject(new Error('database is locked')),
      },
      clock: world.clock,
    });
    const failure = await broken.verify(issued.key).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KeySourceUnavailableError);
    expect(String((failure as Error).message)).not.toContain(
      issued.key.slice(issued.keyPrefix.length),
    );
  });
});
