import type { EligibilityDeterminedV1Data } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

import { answered } from '../../testing/answered';
import { EligibilityWorld } from '../../testing/eligibility-world';
import { catalogueWith, publishedRuleSet, revised } from '../../testing/rules.fixture';

/** From 2026 PKH counts the elderly from 60 (pkh v2), and PELATIHAN trains from 18 (pelatihan v2). */
const catalogue = catalogueWith(
  revised(publishedRuleSet('pkh'), { version: '2', effectiveFrom: '2026-01-01', parameters: { elderlyMinimumAge: 60 } }),
  revised(publishedRuleSet('pelatihan'), { version: '2', effectiveFrom: '2026-01-01', parameters: { workingAge: [18, 64] } }),
);
const elderly = (age: number) => ({ assessment: { elderlyMembers: [{ name: 'Mbah', age }] } });

describe('RepublishRules', () => {
  let world: EligibilityWorld;
  beforeEach(async () => {
    world = await EligibilityWorld.inMemory(catalogue);
  });
  afterEach(() => world.close());

  it('appends a determination only for the open cases whose outcome the new versions change, and explains each', async () => {
    const [sixtyFive, seventyFive, noElderly, withdrawn] = [newId(), newId(), newId(), newId()];
    const changes = await world.submitCase(sixtyFive, elderly(65));
    await world.determine.handle(changes);
    await world.determine.handle(await world.submitCase(seventyFive, elderly(75)));
    await world.determine.handle(await world.submitCase(noElderly));
    const gone = await world.submitCase(withdrawn, elderly(62));
    await world.determine.handle(gone);
    await world.withdrawCase(withdrawn, gone.data.caseId);

    // Before the new versions take effect there is nothing to republish.
    world.clock.set('2025-12-31T10:00:00Z');
    expect(await answered(world.republish.run({ actor: 'admin:kepala-dinas' }))).toMatchObject({ asOf: '2025-12-31', openCases: 3, reevaluated: 0, changed: [] });

    world.clock.set('2026-01-02T02:00:00Z');
    const report = await answered(world.republish.run({ actor: 'admin:kepala-dinas' }));
    expect(report).toMatchObject({ asOf: '2026-01-02', openCases: 3, reevaluated: 3 });
    expect(report.ruleSetsInForce.filter(({ version }) => version === '2').map(({ id }) => id)).toEqual(['pkh', 'pelatihan']);
    expect(report.changed).toEqual([
      {
        residentId: sixtyFive,
        caseId: changes.data.caseId,
        determinationId: expect.any(String),
        supersedesDeterminationId: (await world.eligibilityEvents(sixtyFive))[0].id,
        ruleSetChanges: expect.arrayContaining([{ ruleSetId: 'pkh', fromVersion: '1', toVersion: '2' }]),
        programmes: [
          {
            programme: 'PKH',
            before: { outcome: 'NOT_ELIGIBLE', ruleSet: { id: 'pkh', version: '1' } },
            after: { outcome: 'ELIGIBLE', ruleSet: { id: 'pkh', version: '2' } },
            criteria: [
              {
                criterion: 'HAS_COMPONENT',
                description: expect.stringContaining('lansia 60 tahun ke atas'),
                before: { observed: [], threshold: 1, passed: false },
                after: { observed: ['LANSIA'], threshold: 1, passed: true },
              },
            ],
          },
        ],
      },
    ]);
    const [, republished] = await world.eligibilityEvents(sixtyFive);
    expect(republished.data as EligibilityDeterminedV1Data).toMatchObject({ trigger: { kind: 'RULES_REPUBLISHED', republicationId: report.republicationId }, rulesAsOf: '2026-01-02' });
    expect(republished.metadata).toMatchObject({ actor: 'admin:kepala-dinas', causationId: report.republicationId });
    for (const unchanged of [seventyFive, noElderly, withdrawn]) expect(await world.eligibilityEvents(unchanged)).toHaveLength(1);

    // Running it again for the same day and rules appends nothing.
    const again = await answered(world.republish.run({ actor: 'admin:kepala-dinas' }));
    expect(again.republicationId).toBe(report.republicationId);
    expect(again.changed).toEqual([]);
    expect(await world.eligibilityEvents(sixtyFive)).toHaveLength(2);

    // And the version's change log shows the case and why.
    const log = await world.queries.changesOfVersion('pkh', '2');
    expect(log.cases).toEqual([expect.objectContaining({ caseId: changes.data.caseId, fromVersion: '1', programmes: report.changed[0].programmes })]);
    expect((await world.queries.changesOfVersion('pelatihan', '2')).cases).toHaveLength(1);
  });

  it('keeps cases on the rules date they were judged on when asked to republish an earlier day, and refuses a future day', async () => {
    const residentId = newId();
    world.clock.set('2026-02-01T02:00:00Z');
    await world.determine.handle(await world.submitCase(residentId, { submittedAt: '2026-02-01T09:00:00+07:00', ...elderly(65) }));
    expect(await answered(world.republish.run({ asOf: '2025-12-01', actor: 'admin:kepala-dinas' }))).toMatchObject({ openCases: 1, reevaluated: 0 });
    await expect(world.republish.run({ asOf: '2026-02-02', actor: 'admin:kepala-dinas' })).resolves.toMatchObject({ type: 'RepublicationDateInFuture' });
  });
});
