import { createEventStore, type EventStore } from '@lastri/event-store';

import { AgencyApiKeyVerifier } from '../application/agency-keys/agency-api-key.verifier';
import { MovableClock } from '../testing/agency-keys-world';
import { agencyKeyCommandWith } from './agency-key.command';

describe('lastri agency-key', () => {
  let store: EventStore;
  const clock = new MovableClock('2025-11-12T02:00:00.000Z');
  // The command closes what it opened; the spec keeps its store open for the next run.
  const keptOpen = (): EventStore =>
    new Proxy(store, {
      get: (target, name) => {
        if (name === 'close') return async () => undefined;
        const value: unknown = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const command = agencyKeyCommandWith({ openStore: async () => keptOpen(), clock });
  const verifier = () => new AgencyApiKeyVerifier({ store, clock });

  beforeEach(async () => {
    store = await createEventStore('sqlite::memory:');
  });
  afterEach(() => store.close());

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await command.run(argv, {
      env: { EVENT_STORE_URL: 'sqlite::memory:' },
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('issues a key that authenticates, lists it, rotates and revokes it', async () => {
    const issued = await run('issue', '--agency', 'disnaker', '--by', 'op-01');
    expect(issued.code).toBe(0);
    const first = JSON.parse(issued.out);
    expect(await verifier().verify(first.key)).toMatchObject({ agencyId: 'disnaker' });

    const rotated = JSON.parse(
      (
        await run(
          'rotate',
          '--agency',
          'disnaker',
          '--key',
          first.keyId,
          '--grace-hours',
          '0',
          '--by',
          'op-01',
        )
      ).out,
    );
    expect(await verifier().verify(first.key)).toBeUndefined();
    expect(await verifier().verify(rotated.key)).toMatchObject({ agencyId: 'disnaker' });

    expect(
      (
        await run(
          'revoke',
          '--agency',
          'disnaker',
          '--key',
          rotated.keyId,
          '--reason',
          'uji',
          '--by',
          'op-01',
        )
      ).code,
    ).toBe(0);
    expect(await verifier().verify(rotated.key)).toBeUndefined();

    const listed = await run('list', '--agency', 'disnaker');
    expect(JSON.parse(listed.out).keys.map((key: { status: string }) => key.status)).toEqual([
      'EXPIRED',
      'REVOKED',
    ]);
    expect(listed.out).not.toContain(rotated.key);
  });

  it('explains wrong arguments (2) and refusals (1) on stderr', async () => {
    expect(await run('issue', '--agency', 'disnaker')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--by'),
    });
    expect(
      await run('revoke', '--agency', 'disnaker', '--key', 'a'.repeat(32), '--by', 'op-01'),
    ).toMatchObject({ code: 2, err: expect.stringContaining('--reason') });
    expect(await run('issue', '--agency', 'dinas-pariwisata', '--by', 'op-01')).toMatchObject({
      code: 1,
      err: expect.stringContaining('AgencyNotFound'),
    });
  });
});
