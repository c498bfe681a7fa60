import type { EligibilityDeterminedV1Data } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

import { answered } from '../../testing/answered';
import { EligibilityWorld, SUPERVISOR } from '../../testing/eligibility-world';

describe('OverrideOutcome', () => {
  let world: EligibilityWorld;
  beforeEach(async () => {
    world = await EligibilityWorld.inMemory();
  });
  afterEach(() => world.close());

  it('records the override as its own event; the determination stays, the override holds', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId);
    const [determined] = await world.determine.handle(submitted);
    const stored = await answered(world.override.handle(
      { determinationId: determined.id, programme: 'PELATIHAN', eligible: true, reason: 'Kehilangan pekerjaan sejak 1 Desember; belum tercatat di asesmen.' },
      SUPERVISOR,
    ));
    expect(stored).toMatchObject({ type: 'EligibilityOverridden', data: { determinationId: determined.id, caseId: submitted.data.caseId, overriddenBy: SUPERVISOR.decidedBy } });

    const view = await answered(world.queries.ofCase(submitted.data.caseId));
    expect(view.programmes.find((entry) => entry.programme === 'PELATIHAN')).toMatchObject({ status: 'ELIGIBLE', decidedBy: 'OVERRIDE', ruleOutcome: 'NOT_ELIGIBLE' });
    expect(view.determinations).toEqual([determined.data as EligibilityDeterminedV1Data]);
    expect(view.overrides).toEqual([stored.data]);
  });

  it('refuses an override that changes nothing, of a superseded determination, or of one that does not exist', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId);
    const [first] = await world.determine.handle(submitted);
    await expect(
      world.override.handle({ determinationId: first.id, programme: 'SEMBAKO', eligible: true, reason: 'Sudah layak.' }, SUPERVISOR),
    ).resolves.toMatchObject({ type: 'OverrideChangesNothing' });
    await world.reevaluate.handle(await world.changeCircumstances(residentId, { employmentStatus: 'UNEMPLOYED' }));
    await expect(
      world.override.handle({ determinationId: first.id, programme: 'PELATIHAN', eligible: true, reason: 'Alasan.' }, SUPERVISOR),
    ).resolves.toMatchObject({ type: 'DeterminationSuperseded' });
    await expect(
      world.override.handle({ determinationId: newId(), programme: 'PELATIHAN', eligible: true, reason: 'Alasan.' }, SUPERVISOR),
    ).resolves.toMatchObject({ type: 'DeterminationNotFound' });
    expect(await world.eligibilityEvents(residentId)).toHaveLength(2);
  });

  it('refuses, as a value naming the field, an override whose event would break its contract; nothing appended', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId);
    const [determined] = await world.determine.handle(submitted);
    // The token's subject is the supervisor's id; the contract keeps it to 100 characters.
    const longSubject = { ...SUPERVISOR, decidedBy: { ...SUPERVISOR.decidedBy, userId: 'u'.repeat(150) } };
    await expect(
      world.override.handle({ determinationId: determined.id, programme: 'PELATIHAN', eligible: true, reason: 'Alasan.' }, longSubject),
    ).resolves.toMatchObject({ type: 'EventContractViolation', kind: 'invalid', eventType: 'EligibilityOverridden', fields: ['overriddenBy.userId'] });
    expect(await world.eligibilityEvents(residentId)).toHaveLength(1);
  });
});
