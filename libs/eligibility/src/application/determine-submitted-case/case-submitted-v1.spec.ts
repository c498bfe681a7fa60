import type { EligibilityDeterminedV1Data } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

import { answered } from '../../testing/answered';
import type { CaseOptions } from '../../testing/case-submitted.fixture';
import { child } from '../../testing/case-submitted.fixture';
import { EligibilityWorld } from '../../testing/eligibility-world';

/** A household with a pupil, an elderly member, a disability and a pregnancy: every list v2 changed. */
const household: CaseOptions = {
  assessment: {
    householdIncomePerMonth: 1_200_000,
    children: [child(15, 'SMP', 'Ahmad Fauzi'), child(4, null, 'Bayu')],
    elderlyMembers: [{ name: 'Sumiati', age: 72 }],
    disabledMembers: [{ name: 'Sumiati', kind: 'SENSORY', severity: 'SEVERE' }],
    pregnantOrNursing: true,
  },
};

describe('a case stored as CaseSubmitted v1, before assessments referenced members by NIK', () => {
  let world: EligibilityWorld;
  beforeEach(async () => {
    world = await EligibilityWorld.inMemory();
  });
  afterEach(() => world.close());

  it('is determined from the same inputs, with the same outcomes, as the case stored at v2', async () => {
    const [fromV1] = await world.determine.handle(await world.submitCaseStoredAsV1(newId(), household));
    const [fromV2] = await world.determine.handle(await world.submitCase(newId(), household));
    const [v1, v2] = [fromV1.data, fromV2.data] as EligibilityDeterminedV1Data[];

    expect(v1.inputs).toEqual(v2.inputs);
    expect(v1.inputsDigest).toBe(v2.inputsDigest);
    expect(v1.programmes.map(({ programme, outcome }) => [programme, outcome])).toEqual(
      v2.programmes.map(({ programme, outcome }) => [programme, outcome]),
    );
  });

  it('is reproduced by the auditor’s re-run, which reads the stored v1 from the SQLite store through the upcaster', async () => {
    const residentId = newId();
    const submitted = await world.submitCaseStoredAsV1(residentId, household);
    const [determination] = await world.determine.handle(submitted);

    const report = await answered(world.rerun.run(residentId, submitted.data.caseId, determination.id));
    expect(report).toMatchObject({ identical: true, differences: [], sources: { matches: true, problems: [] } });
  });
});
