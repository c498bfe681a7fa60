import type { EligibilityDeterminedV1Data, ManualReviewRequiredV1Data } from '@lastri/contracts';
import { residentStreamName } from '@lastri/contracts';
import { deterministicEventId, newId } from '@lastri/kernel';

import { answered } from '../../testing/answered';
import { EligibilityWorld } from '../../testing/eligibility-world';
import { IntakeEventNotInStore, NoRuleSetInForce } from '../application-errors';
import { DETERMINE_SUBMITTED_CASE } from './determine-submitted-case';

describe('DetermineSubmittedCase', () => {
  let world: EligibilityWorld;
  beforeEach(async () => {
    world = await EligibilityWorld.inMemory();
  });
  afterEach(() => world.close());

  it('appends a determination that names the CaseSubmitted it answers and where the store holds it', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId);
    const [stored] = await world.determine.handle(submitted);

    const [caseOpened, caseSubmitted] = await world.store.readStream(residentStreamName('intake', residentId));
    const data = stored.data as EligibilityDeterminedV1Data;
    expect(stored).toMatchObject({
      id: deterministicEventId(submitted.id, DETERMINE_SUBMITTED_CASE),
      type: 'EligibilityDetermined',
      metadata: {
        residentId,
        caseId: submitted.data.caseId,
        correlationId: submitted.correlationId,
        causationId: submitted.id,
        actor: 'service:eligibility',
      },
    });
    expect(data.determinationId).toBe(stored.id);
    expect(data.sourceEventIds).toEqual([caseSubmitted.id, caseOpened.id]);
    expect(data.sourceEvents).toEqual([
      { eventId: caseSubmitted.id, type: 'CaseSubmitted', streamName: `intake-${residentId}`, streamVersion: 1, globalPosition: caseSubmitted.globalPosition },
    ]);
    expect(data.programmes.map(({ programme, outcome }) => `${programme}:${outcome}`)).toEqual([
      'PKH:NOT_ELIGIBLE',
      'SEMBAKO:ELIGIBLE',
      'SEMBAKO_DAERAH:ELIGIBLE',
      'PBI_JK:ELIGIBLE',
      'PIP:NOT_ELIGIBLE',
      'ATENSI:NOT_ELIGIBLE',
      'PELATIHAN:NOT_ELIGIBLE',
      'KERJA:NOT_ELIGIBLE',
    ]);
  });

  it('determines once when the same CaseSubmitted is delivered twice, one after the other or at once', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId);
    expect(await world.determine.handle(submitted)).toHaveLength(1);
    expect(await world.determine.handle(submitted)).toEqual([]);

    const other = newId();
    const again = await world.submitCase(other);
    await Promise.all([world.determine.handle(again), world.determine.handle(again), world.determine.handle(again)]);
    expect(await world.eligibilityEvents(residentId)).toHaveLength(1);
    expect(await world.eligibilityEvents(other)).toHaveLength(1);
  });

  it('raises a manual review next to the determination when DTSEN has no desil', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId, { assessment: { desil: null } });
    const [determined, review] = await world.determine.handle(submitted);
    expect(review.type).toBe('ManualReviewRequired');
    expect(review.data as ManualReviewRequiredV1Data).toMatchObject({
      determinationId: determined.id,
      programmes: ['SEMBAKO', 'SEMBAKO_DAERAH', 'PBI_JK'],
      reasons: [{ code: 'DESIL_UNKNOWN' }],
    });
    expect(review.id).toBe(deterministicEventId(submitted.id, `${DETERMINE_SUBMITTED_CASE}#review`));
  });

  it('answers a resubmission of the same case with a superseding determination', async () => {
    const residentId = newId();
    const first = await world.submitCase(residentId, { assessment: { desil: null } });
    await world.determine.handle(first);
    const resubmitted = await world.submitCase(residentId, { caseId: first.data.caseId, assessment: { desil: 4 } });
    const [second] = await world.determine.handle(resubmitted);
    expect((second.data as EligibilityDeterminedV1Data).trigger).toEqual({
      kind: 'CASE_SUBMITTED',
      supersedesDeterminationId: deterministicEventId(first.id, DETERMINE_SUBMITTED_CASE),
    });
    const view = await answered(world.queries.ofCase(first.data.caseId));
    expect(view.reviews.map((review) => review.status)).toEqual(['SUPERSEDED']);
  });

  it('refuses a case no rule set covers, and an event that is not in the store, appending nothing', async () => {
    const residentId = newId();
    const early = await world.submitCase(residentId, { submittedAt: '2023-12-20T10:00:00+07:00' });
    await expect(world.determine.handle(early)).rejects.toThrow(NoRuleSetInForce);
    await expect(world.determine.handle({ ...early, id: newId() })).rejects.toThrow(IntakeEventNotInStore);
    expect(await world.eligibilityEvents(residentId)).toEqual([]);
  });
});
