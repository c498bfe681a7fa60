import type { ManualReviewRequiredV1Data } from '@lastri/contracts';
import { newId } from '@lastri/kernel';

import { answered } from '../../testing/answered';
import { EligibilityWorld, SUPERVISOR } from '../../testing/eligibility-world';

describe('DecideManualReview', () => {
  let world: EligibilityWorld;
  beforeEach(async () => {
    world = await EligibilityWorld.inMemory();
  });
  afterEach(() => world.close());

  it('finds the review by its id, records the decision, and the case then shows what holds', async () => {
    const residentId = newId();
    const submitted = await world.submitCase(residentId, {
      assessment: { dtsenStatus: 'NOT_IN_DTSEN', desil: null },
      homeVisit: { visitId: newId(), visitedAt: '2025-11-11T10:00:00+07:00', findings: 'Rumah tidak layak huni.', verdict: 'LAYAK' },
    });
    const [, raised] = await world.determine.handle(submitted);
    const { reviewId, programmes } = raised.data as ManualReviewRequiredV1Data;
    expect(programmes).toEqual(['SEMBAKO', 'SEMBAKO_DAERAH', 'PBI_JK']);
    expect((await world.queries.openReviews()).map((review) => review.reviewId)).toEqual([reviewId]);

    const stored = await answered(world.decideReview.handle(
      {
        reviewId,
        decision: 'APPROVED',
        programmes: [
          { programme: 'SEMBAKO', eligible: false },
          { programme: 'SEMBAKO_DAERAH', eligible: true },
          { programme: 'PBI_JK', eligible: true },
        ],
        reason: '  Kunjungan rumah LAYAK; diusulkan ke DTSEN.  ',
      },
      { ...SUPERVISOR, correlationId: 'req-42' },
    ));
    expect(stored).toMatchObject({
      type: 'ManualReviewDecided',
      data: { reviewId, caseId: submitted.data.caseId, decision: 'APPROVED', reason: 'Kunjungan rumah LAYAK; diusulkan ke DTSEN.', decidedBy: SUPERVISOR.decidedBy },
      metadata: { residentId, caseId: submitted.data.caseId, correlationId: 'req-42', actor: 'supervisor:supervisor-dinsos-01' },
    });

    const view = await answered(world.queries.ofCase(submitted.data.caseId));
    expect(view.programmes.filter((entry) => entry.decidedBy === 'MANUAL_REVIEW').map(({ programme, status }) => `${programme}:${status}`)).toEqual([
      'SEMBAKO:NOT_ELIGIBLE',
      'SEMBAKO_DAERAH:ELIGIBLE',
      'PBI_JK:ELIGIBLE',
    ]);
    expect(await world.queries.openReviews()).toEqual([]);
    await expect(world.decideReview.handle({ reviewId, decision: 'REJECTED', reason: 'Lagi.' }, SUPERVISOR)).resolves.toMatchObject({ type: 'ReviewAlreadyDecided' });
    expect(await world.eligibilityEvents(residentId)).toHaveLength(3);
  });

  it('refuses a review that does not exist', async () => {
    await expect(world.decideReview.handle({ reviewId: newId(), decision: 'REJECTED', reason: 'Tidak ada.' }, SUPERVISOR)).resolves.toMatchObject({ type: 'ReviewNotFound' });
  });
});
