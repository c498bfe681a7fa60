import type { EligibilityDeterminedV1Data } from '@lastri/contracts';
import { residentStreamName } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

import { answered } from '../../testing/answered';
import { inputsDigest } from '../../domain/inputs/eligibility-inputs';
import { EligibilityWorld } from '../../testing/eligibility-world';

describe('RerunDetermination', () => {
  let world: EligibilityWorld;
  beforeEach(async () => {
    world = await EligibilityWorld.inMemory();
  });
  afterEach(() => world.close());

  it('reproduces a determination and rebuilds its inputs from the intake events at the recorded positions', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId, { assessment: { householdIncomePerMonth: 1_000_000 } });
    const [first] = await world.determine.handle(submitted);
    const [second] = await world.reevaluate.handle(await world.changeCircumstances(residentId, { employmentStatus: 'UNEMPLOYED' }));

    for (const determination of [first, second]) {
      const report = await answered(world.rerun.run(residentId, submitted.data.caseId, determination.id));
      expect(report).toMatchObject({ identical: true, differences: [], sources: { matches: true, problems: [] } });
      expect(report.sources.rebuiltInputsDigest).toBe((determination.data as EligibilityDeterminedV1Data).inputsDigest);
    }
  });

  it('tells when a determination evaluated other inputs than intake recorded, even if it is self-consistent', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId);
    const [genuine] = await world.determine.handle(submitted);
    const data = genuine.data as EligibilityDeterminedV1Data;
    const inputs = { ...data.inputs, assessment: { ...data.inputs.assessment, householdIncomePerMonth: 100 } };
    const forgedId = newId();
    await world.store.append(
      residentStreamName('eligibility', residentId),
      [{ ...genuine, id: forgedId, data: { ...data, determinationId: forgedId, inputs, inputsDigest: inputsDigest(inputs) } }],
      genuine.streamVersion,
    );

    const report = await answered(world.rerun.run(residentId, submitted.data.caseId, forgedId));
    expect(report.inputsDigest.matches).toBe(true);
    expect(report.identical).toBe(false);
    expect(report.sources).toMatchObject({ matches: false, problems: [expect.stringContaining('rebuild other inputs')] });
  });
});
