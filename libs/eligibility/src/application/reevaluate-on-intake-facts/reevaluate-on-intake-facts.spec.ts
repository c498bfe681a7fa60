import type { EligibilityDeterminedV1Data } from '@lastri/contracts';
import { residentStreamName } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

import { EligibilityWorld } from '../../testing/eligibility-world';

const outcome = (determination: EligibilityDeterminedV1Data, programme: string) =>
  determination.programmes.find((entry) => entry.programme === programme)?.outcome;

describe('ReevaluateOnIntakeFacts', () => {
  let world: EligibilityWorld;
  let residentId: string;
  beforeEach(async () => {
    world = await EligibilityWorld.inMemory();
    residentId = newId();
  });
  afterEach(() => world.close());

  it('appends nothing for a change that moves no outcome, and does not forget it when the next one does', async () => {
    await world.determine.handle(await world.submitCase(residentId, { assessment: { householdIncomePerMonth: 4_000_000 } }));

    const lostWork = await world.changeCircumstances(residentId, { employmentStatus: 'UNEMPLOYED' });
    const [kerja] = await world.reevaluate.handle(lostWork);
    // KERJA opens; PELATIHAN still not, the household earns more than the UMK.
    expect(outcome(kerja.data as EligibilityDeterminedV1Data, 'KERJA')).toBe('ELIGIBLE');
    expect(outcome(kerja.data as EligibilityDeterminedV1Data, 'PELATIHAN')).toBe('NOT_ELIGIBLE');

    const newBaby = await world.changeCircumstances(residentId, {
      householdMembersJoined: [{ name: 'Bayi', relation: 'ANAK', birthDate: '2025-12-20', sex: 'PEREMPUAN' }],
    });
    const [pkh] = await world.reevaluate.handle(newBaby);
    expect(outcome(pkh.data as EligibilityDeterminedV1Data, 'PKH')).toBe('ELIGIBLE');

    const lowerIncome = await world.changeCircumstances(residentId, { householdIncomePerMonth: 3_500_000 });
    expect(await world.reevaluate.handle(lowerIncome)).toEqual([]); // still above the 2025 UMK (Rp3.358.557)

    const lowerStill = await world.changeCircumstances(residentId, { householdIncomePerMonth: 1_200_000 });
    const [pelatihan] = await world.reevaluate.handle(lowerStill);
    const data = pelatihan.data as EligibilityDeterminedV1Data;
    expect(outcome(data, 'PELATIHAN')).toBe('ELIGIBLE');
    expect(data.trigger).toEqual({ kind: 'CIRCUMSTANCES_CHANGED', supersedesDeterminationId: pkh.id });
    // Every change since the submission is in the inputs and named with its position, the silent one included.
    const intake = await world.store.readStream(residentStreamName('intake', residentId));
    expect(data.sourceEvents.map(({ type, streamVersion }) => `${type}@${streamVersion}`)).toEqual([
      'CaseSubmitted@1',
      'CircumstancesChanged@2',
      'CircumstancesChanged@3',
      'CircumstancesChanged@4',
      'CircumstancesChanged@5',
    ]);
    expect(data.sourceEvents.map(({ globalPosition }) => globalPosition)).toEqual(intake.slice(1).map(({ globalPosition }) => globalPosition));
    expect(data.inputs.assessment).toMatchObject({ employmentStatus: 'UNEMPLOYED', householdIncomePerMonth: 1_200_000, householdSize: 4 });
    // The rules date and versions stay those of the submission.
    expect(data.rulesAsOf).toBe('2025-11-12');
  });

  it('re-evaluates each open case of the resident, once however often the change is delivered', async () => {
    const first = await world.submitCase(residentId);
    const second = await world.submitCase(residentId, { needCategory: 'EMPLOYMENT' });
    await world.determine.handle(first);
    await world.determine.handle(second);

    const change = await world.changeCircumstances(residentId, { employmentStatus: 'UNEMPLOYED' });
    const appended = await world.reevaluate.handle(change);
    expect(appended.map((stored) => stored.metadata.caseId).sort()).toEqual([first.data.caseId, second.data.caseId].sort());
    expect(await world.reevaluate.handle(change)).toEqual([]);
    expect(await world.eligibilityEvents(residentId)).toHaveLength(4);
  });

  it('leaves a withdrawn case alone', async () => {
    const submitted = await world.submitCase(residentId);
    await world.determine.handle(submitted);
    await world.withdrawCase(residentId, submitted.data.caseId);
    expect(await world.reevaluate.handle(await world.changeCircumstances(residentId, { employmentStatus: 'UNEMPLOYED' }))).toEqual([]);
  });

  it('ignores a change the last determination already includes (a resubmission that came after it)', async () => {
    const submitted = await world.submitCase(residentId);
    await world.determine.handle(submitted);
    const change = await world.changeCircumstances(residentId, { employmentStatus: 'UNEMPLOYED' });
    await world.determine.handle(await world.submitCase(residentId, { caseId: submitted.data.caseId, assessment: { employmentStatus: 'UNEMPLOYED' } }));
    expect(await world.reevaluate.handle(change)).toEqual([]);
  });

  it('takes a move out of the city: the city food aid ends', async () => {
    await world.determine.handle(await world.submitCase(residentId));
    const [moved] = await world.reevaluate.handle(
      await world.changeCircumstances(residentId, {
        address: { street: 'Jl. Raya Bangil 5', rt: '001', rw: '003', kelurahanCode: '35.14.01.2001', kecamatanCode: '35.14.01' },
      }),
    );
    expect(outcome(moved.data as EligibilityDeterminedV1Data, 'SEMBAKO_DAERAH')).toBe('NOT_ELIGIBLE');
    expect(outcome(moved.data as EligibilityDeterminedV1Data, 'SEMBAKO')).toBe('ELIGIBLE');
  });
});
