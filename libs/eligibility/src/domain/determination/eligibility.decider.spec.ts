/** Given the stream's events, when a command, then events or a domain error. */
import type { EligibilityDeterminedV1Data } from '@lastri/contracts';
import { DeciderSpecification } from '@lastri/decider/src/testing';

import { CASE_ID, inputsOf, type CaseOptions } from '../../testing/case-submitted.fixture';
import { evaluate } from '../../testing/rules.fixture';
import { caseView } from './case-view';
import {
  decide,
  eligibilityDecider,
  type DecideManualReview,
  type Decision,
  type Determine,
  type EligibilityCommand,
  type OverrideOutcome,
} from './eligibility.decider';
import { isEligibilityError } from './eligibility.errors';
import type { EligibilityEvent, RecordedEligibilityEvent } from './eligibility.events';
import { evolve, initialState, type EligibilityState } from './eligibility.state';

const SUPERVISOR = { userId: 'supervisor-dinsos-01', role: 'DINSOS_SUPERVISOR' as const };
const SOURCE = {
  eventId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  type: 'CaseSubmitted' as const,
  streamName: 'intake-r',
  streamVersion: 4,
  globalPosition: '17',
};

let sequence = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

function determine(
  options: CaseOptions,
  overrides: Partial<Pick<Determine['data'], 'causationId' | 'record' | 'trigger'>> = {},
): Determine {
  return {
    type: 'Determine',
    data: {
      caseId: CASE_ID,
      causationId: overrides.causationId ?? uuid(),
      determinationId: uuid(),
      reviewId: uuid(),
      trigger: overrides.trigger ?? { kind: 'CASE_SUBMITTED' },
      evaluation: evaluate(options),
      inputs: inputsOf(options),
      sourceEventIds: [SOURCE.eventId],
      sourceEvents: [SOURCE],
      determinedAt: '2025-11-12T07:00:03.000Z',
      record: overrides.record ?? 'ALWAYS',
    },
  };
}

const circumstances = (options: CaseOptions) => determine(options, { record: 'OUTCOME_CHANGED', trigger: { kind: 'CIRCUMSTANCES_CHANGED' } });

/** Runs the commands in order, each on the state the previous ones left; returns the last one's events. */
function history(...commands: EligibilityCommand[]): { state: EligibilityState; events: EligibilityEvent[] } {
  let state = initialState;
  let events: EligibilityEvent[] = [];
  for (const command of commands) {
    events = eventsOf(decide(command, state));
    state = events.reduce<EligibilityState>(
      (current, event) => evolve(current, { ...event, causationId: command.type === 'Determine' ? command.data.causationId : undefined } as RecordedEligibilityEvent),
      state,
    );
  }
  return { state, events };
}

/** The events of a decision the test expects to succeed; a refusal fails the test, naming it. */
function eventsOf(decision: Decision): EligibilityEvent[] {
  if (isEligibilityError(decision)) throw new Error(`Expected events, got the refusal ${decision.type}: ${decision.message}`);
  return decision;
}

const determined = (events: EligibilityEvent[]) => events.find((event) => event.type === 'EligibilityDetermined')?.data as EligibilityDeterminedV1Data;
const reviewOf = (events: EligibilityEvent[]) => events.find((event) => event.type === 'ManualReviewRequired');
function caseOf(state: EligibilityState) {
  const found = state.cases.get(CASE_ID);
  if (!found) throw new Error(`No case ${CASE_ID} in the state`);
  return found;
}
const statusOf = (state: EligibilityState, programme: string) => caseView(caseOf(state))?.programmes.find((entry) => entry.programme === programme);

const NO_DESIL: CaseOptions = { assessment: { desil: null } };
const decideReview = (reviewId: string, data: Partial<DecideManualReview['data']>): DecideManualReview => ({
  type: 'DecideManualReview',
  data: { reviewId, caseId: CASE_ID, decision: 'APPROVED', reason: 'Dicek ke DTSEN.', decidedBy: SUPERVISOR, ...data },
});
const override = (determinationId: string, data: Partial<OverrideOutcome['data']>): OverrideOutcome => ({
  type: 'OverrideOutcome',
  data: {
    caseId: CASE_ID,
    determinationId,
    programme: 'PELATIHAN',
    eligible: true,
    reason: 'Kehilangan pekerjaan sejak 1 Desember.',
    overriddenBy: SUPERVISOR,
    ...data,
  },
});

describe('Determine', () => {
  it('records a submitted case: per programme the outcome and criteria, the rules applied, the inputs and their sources', () => {
    const { events } = history(determine({}));
    expect(events.map((event) => event.type)).toEqual(['EligibilityDetermined']);
    const data = determined(events);
    expect(data).toMatchObject({
      caseId: CASE_ID,
      trigger: { kind: 'CASE_SUBMITTED' },
      rulesAsOf: '2025-11-12',
      sourceEvents: [SOURCE],
      inputsDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(data.trigger.supersedesDeterminationId).toBeUndefined();
    expect(data.programmes.find((entry) => entry.programme === 'SEMBAKO')).toMatchObject({
      outcome: 'ELIGIBLE',
      eligible: true,
      ruleSet: { id: 'sembako', version: '1', effectiveFrom: '2025-01-01', source: expect.stringContaining('Kepmensos 79/HUK/2025') },
      criteria: [{ criterion: 'DESIL_AT_MOST', observed: 3, threshold: 5, passed: true }],
    });
  });

  it('raises one manual review for the programmes the data cannot settle, linked to the determination', () => {
    const { events } = history(determine(NO_DESIL));
    const review = reviewOf(events);
    expect(review?.data).toEqual({
      caseId: CASE_ID,
      reviewId: expect.any(String),
      determinationId: determined(events).determinationId,
      programmes: ['SEMBAKO', 'SEMBAKO_DAERAH', 'PBI_JK'],
      reasons: [{ code: 'DESIL_UNKNOWN', description: 'Rumah tangga tercatat di DTSEN tetapi belum memiliki desil' }],
    });
    const sembako = determined(events).programmes.find((entry) => entry.programme === 'SEMBAKO');
    expect(sembako).toMatchObject({ outcome: 'NEEDS_REVIEW', eligible: false, criteria: [{ observed: null, passed: false, undetermined: true }] });
  });

  it('determines once per cause: the same CaseSubmitted again appends nothing', () => {
    const first = determine({});
    const { events } = history(first, { ...first, data: { ...first.data, determinationId: uuid() } });
    expect(events).toEqual([]);
  });

  it('answers a resubmission of the case with a determination that supersedes the previous one', () => {
    const first = determine({});
    const { events } = history(first, determine({}));
    expect(determined(events).trigger).toEqual({ kind: 'CASE_SUBMITTED', supersedesDeterminationId: first.data.determinationId });
  });

  it('records new facts only when an outcome changes', () => {
    expect(history(determine({}), circumstances({ assessment: { householdIncomePerMonth: 1_500_000 } })).events).toEqual([]);
    const { events } = history(determine({}), circumstances({ assessment: { employmentStatus: 'UNEMPLOYED' } }));
    expect(determined(events).trigger.kind).toBe('CIRCUMSTANCES_CHANGED');
    expect(determined(events).programmes.filter((entry) => entry.eligible).map((entry) => entry.programme)).toContain('KERJA');
  });
});

describe('manual review', () => {
  it('stays open, and is not raised again, while new facts leave its programmes where they were', () => {
    const submitted = determine(NO_DESIL);
    const { state, events } = history(submitted, circumstances({ assessment: { desil: null, employmentStatus: 'UNEMPLOYED' } }));
    expect(events.map((event) => event.type)).toEqual(['EligibilityDetermined']);
    expect(statusOf(state, 'SEMBAKO')).toMatchObject({ status: 'PENDING_REVIEW', openReviewId: submitted.data.reviewId });
    expect(caseOf(state).reviews.map((review) => [review.data.reviewId, review.status])).toEqual([[submitted.data.reviewId, 'OPEN']]);
  });

  it('is superseded when a resubmission settles its programmes, and can no longer be decided', () => {
    const submitted = determine(NO_DESIL);
    const { state } = history(submitted, determine({ assessment: { desil: 2 } }));
    expect(caseOf(state).reviews[0].status).toBe('SUPERSEDED');
    expect(decide(decideReview(submitted.data.reviewId, { decision: 'REJECTED' }), state)).toMatchObject({ type: 'ReviewSuperseded' });
  });

  describe('decided by a supervisor', () => {
    const raised = history(determine(NO_DESIL));
    const reviewId = reviewOf(raised.events)?.data.reviewId ?? '';
    const approveAll = decideReview(reviewId, {
      programmes: [
        { programme: 'SEMBAKO', eligible: true },
        { programme: 'SEMBAKO_DAERAH', eligible: true },
        { programme: 'PBI_JK', eligible: false },
      ],
    });

    it('approves with a decision per programme, which then holds', () => {
      const events = eventsOf(decide(approveAll, raised.state));
      expect(events).toEqual([{ type: 'ManualReviewDecided', data: approveAll.data }]);
      const state = events.reduce(evolve, raised.state);
      expect(statusOf(state, 'SEMBAKO')).toMatchObject({ status: 'ELIGIBLE', decidedBy: 'MANUAL_REVIEW', ruleOutcome: 'NEEDS_REVIEW' });
      expect(statusOf(state, 'PBI_JK')).toMatchObject({ status: 'NOT_ELIGIBLE', decidedBy: 'MANUAL_REVIEW' });
      expect(decide(approveAll, state)).toMatchObject({ type: 'ReviewAlreadyDecided' });
    });

    it('keeps the decision when later facts leave those programmes where they were', () => {
      let state = eventsOf(decide(approveAll, raised.state)).reduce(evolve, raised.state);
      const change = circumstances({ assessment: { desil: null, employmentStatus: 'UNEMPLOYED' } });
      const events = decide(change, state);
      expect(events.map((event) => event.type)).toEqual(['EligibilityDetermined']);
      state = events.reduce((current, event) => evolve(current, { ...event, causationId: change.data.causationId }), state);
      expect(statusOf(state, 'SEMBAKO')).toMatchObject({ status: 'ELIGIBLE', decidedBy: 'MANUAL_REVIEW' });
      expect(statusOf(state, 'KERJA')).toMatchObject({ status: 'ELIGIBLE', decidedBy: 'RULES' });
    });

    it('rejects the whole review, or returns it for verification, without listing programmes', () => {
      const rejected = eventsOf(decide(decideReview(reviewId, { decision: 'REJECTED' }), raised.state)).reduce(evolve, raised.state);
      expect(statusOf(rejected, 'SEMBAKO')).toMatchObject({ status: 'NOT_ELIGIBLE', decidedBy: 'MANUAL_REVIEW' });
      const returned = eventsOf(decide(decideReview(reviewId, { decision: 'RETURNED_FOR_VERIFICATION' }), raised.state)).reduce(evolve, raised.state);
      expect(statusOf(returned, 'SEMBAKO')).toEqual(expect.objectContaining({ status: 'RETURNED_FOR_VERIFICATION' }));
      expect(decide(decideReview(reviewId, { decision: 'REJECTED', programmes: [] }), raised.state)).toMatchObject({ type: 'ProgrammesNotExpected' });
    });

    it.each([
      ['a programme missing', [{ programme: 'SEMBAKO' as const, eligible: true }]],
      [
        'a programme not under review',
        [
          { programme: 'SEMBAKO' as const, eligible: true },
          { programme: 'SEMBAKO_DAERAH' as const, eligible: true },
          { programme: 'PBI_JK' as const, eligible: true },
          { programme: 'PKH' as const, eligible: true },
        ],
      ],
      [
        'a programme twice',
        [
          { programme: 'SEMBAKO' as const, eligible: true },
          { programme: 'SEMBAKO' as const, eligible: false },
          { programme: 'SEMBAKO_DAERAH' as const, eligible: true },
          { programme: 'PBI_JK' as const, eligible: true },
        ],
      ],
    ])('refuses an approval with %s', (_what, programmes) => {
      expect(decide(decideReview(reviewId, { programmes }), raised.state)).toMatchObject({ type: 'ProgrammeDecisionsMismatch' });
    });

    it('refuses a blank reason, an unknown review and an unknown case', () => {
      expect(decide({ ...approveAll, data: { ...approveAll.data, reason: '  ' } }, raised.state)).toMatchObject({ type: 'ReasonRequired' });
      expect(decide(decideReview(uuid(), {}), raised.state)).toMatchObject({ type: 'ReviewNotFound' });
      expect(decide(decideReview(reviewId, {}), initialState)).toMatchObject({ type: 'CaseNotDetermined' });
    });
  });
});

describe('override', () => {
  const base = history(determine({}));
  const determinationId = determined(base.events).determinationId;

  it('is a separate event: the determination stays as the rules made it, the override holds', () => {
    const events = eventsOf(decide(override(determinationId, {}), base.state));
    expect(events).toEqual([{ type: 'EligibilityOverridden', data: override(determinationId, {}).data }]);
    const state = events.reduce(evolve, base.state);
    expect(statusOf(state, 'PELATIHAN')).toMatchObject({ status: 'ELIGIBLE', decidedBy: 'OVERRIDE', ruleOutcome: 'NOT_ELIGIBLE' });
    expect(caseOf(state).determinations[0].data).toEqual(determined(base.events));
  });

  it('falls when the rules reach another outcome for the programme', () => {
    let state = eventsOf(decide(override(determinationId, { programme: 'KERJA', eligible: true }), base.state)).reduce(evolve, base.state);
    const change = circumstances({ assessment: { employmentStatus: 'UNEMPLOYED' } });
    state = eventsOf(decide(change, state)).reduce((current, event) => evolve(current, { ...event, causationId: change.data.causationId }), state);
    expect(statusOf(state, 'KERJA')).toMatchObject({ status: 'ELIGIBLE', decidedBy: 'RULES' });
  });

  it('needs a reason and must change the outcome', () => {
    expect(decide(override(determinationId, { reason: ' ' }), base.state)).toMatchObject({ type: 'ReasonRequired' });
    expect(decide(override(determinationId, { programme: 'SEMBAKO', eligible: true }), base.state)).toMatchObject({ type: 'OverrideChangesNothing' });
  });

  it('applies to the current determination only, to a programme it evaluated, not under review', () => {
    const first = determine({});
    const later = history(first, determine({}));
    expect(decide(override(first.data.determinationId, {}), later.state)).toMatchObject({ type: 'DeterminationSuperseded' });

    const early = history(determine({ submittedAt: '2024-06-03T09:00:00+07:00' }));
    expect(decide(override(determined(early.events).determinationId, { programme: 'PKH' }), early.state)).toMatchObject({ type: 'ProgrammeNotDetermined' });

    const inReview = history(determine(NO_DESIL));
    expect(decide(override(determined(inReview.events).determinationId, { programme: 'SEMBAKO' }), inReview.state)).toMatchObject({ type: 'ProgrammeUnderReview' });
  });
});

describe('given / when / then', () => {
  const spec = DeciderSpecification.for(eligibilityDecider);
  const submission = determine({});
  const [determinedEvent] = eventsOf(decide(submission, initialState));
  const recorded = { ...determinedEvent, causationId: submission.data.causationId } as RecordedEligibilityEvent;
  const determinationId = determined([determinedEvent]).determinationId;

  it('given a determination, when a supervisor overrides a programme, then the override is recorded', () => {
    const command = override(determinationId, {});
    spec.given(recorded).when(command).thenEmits({ type: 'EligibilityOverridden', data: command.data });
  });

  it('given a determination, when the override has no reason, then it is refused, saying why in Bahasa Indonesia', () => {
    spec
      .given(recorded)
      .when(override(determinationId, { reason: '   ' }))
      .thenRefuses((refusal) => refusal.type === 'ReasonRequired' && refusal.kind === 'invalid' && refusal.message.startsWith('reason: alasan'));
  });

  it('given nothing, when a review is decided, then the case is not determined (404)', () => {
    spec.given().when(decideReview(uuid(), {})).thenRefuses((refusal) => refusal.type === 'CaseNotDetermined' && refusal.kind === 'not-found');
  });
});
