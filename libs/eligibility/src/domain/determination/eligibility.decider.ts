/**
 * decide(command, state) → events for one resident's eligibility stream. Time, ids and the
 * evaluation come in with the command, so deciding is deterministic: the same command on the same
 * history always gives the same events, which is what makes redelivered intake events harmless.
 */
import type { EligibilityDeterminedV1Data, EligibilityOverriddenV1Data, ManualReviewDecidedV1Data } from '@lastri/contracts';
import { assertNever, type Decider } from '@lastri/kernel';

import { determinedProgrammes, outcomesOf, sameOutcomes, type CaseEvaluation } from '../evaluation/evaluate-case';
import { inputsDigest, type EligibilityInputs } from '../inputs/eligibility-inputs';
import type { Programme } from '../programmes';
import { effectiveOutcome } from './effective-outcome';
import { refuse, type EligibilityError } from './eligibility.errors';
import type { DeterminationTrigger, EligibilityEvent, RecordedEligibilityEvent, SourceEvent } from './eligibility.events';
import { evolve, initialState, latestDetermination, standingOf, type EligibilityState } from './eligibility.state';

export interface Determine {
  readonly type: 'Determine';
  readonly data: {
    readonly caseId: string;
    /** The intake event or republication this determination answers: one determination per cause and case. */
    readonly causationId: string;
    readonly determinationId: string;
    /** Used only if the determination needs a manual review. */
    readonly reviewId: string;
    readonly trigger: Omit<DeterminationTrigger, 'supersedesDeterminationId'>;
    readonly evaluation: CaseEvaluation;
    readonly inputs: EligibilityInputs;
    readonly sourceEventIds: readonly string[];
    readonly sourceEvents: readonly SourceEvent[];
    readonly determinedAt: string;
    /**
     * ALWAYS for a (re)submitted case, which asks for an answer; OUTCOME_CHANGED for new facts
     * or new rules, which deserve a new determination only if some programme's outcome moves.
     */
    readonly record: 'ALWAYS' | 'OUTCOME_CHANGED';
  };
}

export interface DecideManualReview {
  readonly type: 'DecideManualReview';
  readonly data: Omit<ManualReviewDecidedV1Data, 'programmes'> & {
    readonly programmes?: readonly { readonly programme: Programme; readonly eligible: boolean }[];
  };
}

export interface OverrideOutcome {
  readonly type: 'OverrideOutcome';
  readonly data: EligibilityOverriddenV1Data;
}

export type EligibilityCommand = Determine | DecideManualReview | OverrideOutcome;

export type Decision = EligibilityEvent[] | EligibilityError;

/** Determining never refuses: a case that reaches eligibility is determined, or left as it is. */
export function decide(command: Determine, state: EligibilityState): EligibilityEvent[];
export function decide(command: EligibilityCommand, state: EligibilityState): Decision;
export function decide(command: EligibilityCommand, state: EligibilityState): Decision {
  switch (command.type) {
    case 'Determine':
      return determine(command.data, state);
    case 'DecideManualReview':
      return decideManualReview(command.data, state);
    case 'OverrideOutcome':
      return overrideOutcome(command.data, state);
    default:
      return assertNever(command, 'eligibility command');
  }
}

/** The decider as one value, for the command handler and the decider specification. */
export const eligibilityDecider: Decider<EligibilityCommand, EligibilityEvent, EligibilityState, EligibilityError, RecordedEligibilityEvent> = {
  initialState,
  evolve,
  decide: (command, state) => decide(command, state),
};

function determine(command: Determine['data'], state: EligibilityState): EligibilityEvent[] {
  const current = state.cases.get(command.caseId);
  if (current?.determinations.some((determination) => determination.causationId === command.causationId)) return [];
  const latest = current && latestDetermination(current);
  if (
    command.record === 'OUTCOME_CHANGED' &&
    latest &&
    sameOutcomes(outcomesOf(latest.data.programmes), outcomesOf(command.evaluation.programmes))
  ) {
    return [];
  }

  const determined: EligibilityDeterminedV1Data = {
    caseId: command.caseId,
    determinationId: command.determinationId,
    trigger: {
      ...command.trigger,
      ...(latest ? { supersedesDeterminationId: latest.data.determinationId } : {}),
    },
    rulesAsOf: command.evaluation.rulesAsOf,
    programmes: determinedProgrammes(command.evaluation),
    inputs: command.inputs,
    inputsDigest: inputsDigest(command.inputs),
    sourceEventIds: [...command.sourceEventIds],
    sourceEvents: [...command.sourceEvents],
    determinedAt: command.determinedAt,
  };
  const events: EligibilityEvent[] = [{ type: 'EligibilityDetermined', data: determined }];

  // A programme whose outcome did not change keeps its open review or the supervisor's decision
  // (see eligibility-state.ts); only the rest go to a new review.
  const after = evolve(state, { ...events[0], causationId: command.causationId }).cases.get(command.caseId);
  const unsettled = determined.programmes
    .filter(({ programme, outcome }) => {
      if (!after) return false;
      const standing = standingOf(after, programme);
      return outcome === 'NEEDS_REVIEW' && !standing.openReviewId && !standing.decision && !standing.returnedForVerification;
    })
    .map(({ programme }) => programme);
  if (unsettled.length > 0) {
    events.push({
      type: 'ManualReviewRequired',
      data: {
        caseId: command.caseId,
        reviewId: command.reviewId,
        determinationId: command.determinationId,
        programmes: unsettled,
        reasons: [...command.evaluation.reviewReasons],
      },
    });
  }
  return events;
}

function decideManualReview(command: DecideManualReview['data'], state: EligibilityState): Decision {
  const current = state.cases.get(command.caseId);
  if (!current) return refuse.caseNotDetermined(command.caseId);
  const review = current.reviews.find((candidate) => candidate.data.reviewId === command.reviewId);
  if (!review) return refuse.reviewNotFound(command.reviewId, command.caseId);
  if (review.status === 'DECIDED') return refuse.reviewAlreadyDecided(command.reviewId);
  if (review.status === 'SUPERSEDED') return refuse.reviewSuperseded(command.reviewId);
  if (command.reason.trim() === '') return refuse.reasonRequired();

  if (command.decision !== 'APPROVED') {
    if (command.programmes !== undefined) return refuse.programmesNotExpected(command.decision);
    const { programmes: _none, ...decided } = command;
    return [{ type: 'ManualReviewDecided', data: decided }];
  }
  const given = (command.programmes ?? []).map((entry) => entry.programme);
  const open = new Set(review.openProgrammes);
  const seen = new Set<Programme>();
  const unexpected: Programme[] = [];
  for (const programme of given) {
    if (!open.has(programme) || seen.has(programme)) unexpected.push(programme);
    seen.add(programme);
  }
  const missing = review.openProgrammes.filter((programme) => !given.includes(programme));
  if (missing.length > 0 || unexpected.length > 0) return refuse.programmeDecisionsMismatch(command.reviewId, missing, unexpected);
  return [
    {
      type: 'ManualReviewDecided',
      data: { ...command, programmes: (command.programmes ?? []).map(({ programme, eligible }) => ({ programme, eligible })) },
    },
  ];
}

function overrideOutcome(command: OverrideOutcome['data'], state: EligibilityState): Decision {
  const current = state.cases.get(command.caseId);
  if (!current) return refuse.caseNotDetermined(command.caseId);
  const determination = current.determinations.find((candidate) => candidate.data.determinationId === command.determinationId);
  if (!determination) return refuse.determinationNotFound(command.determinationId, command.caseId);
  const latest = latestDetermination(current);
  if (latest && latest !== determination) return refuse.determinationSuperseded(command.determinationId, latest.data.determinationId);
  if (!determination.data.programmes.some((entry) => entry.programme === command.programme)) {
    return refuse.programmeNotDetermined(command.determinationId, command.programme);
  }
  const standing = standingOf(current, command.programme);
  if (standing.openReviewId) return refuse.programmeUnderReview(command.programme, standing.openReviewId);
  if (command.reason.trim() === '') return refuse.reasonRequired();
  if (effectiveOutcome(standing).status === (command.eligible ? 'ELIGIBLE' : 'NOT_ELIGIBLE')) {
    return refuse.overrideChangesNothing(command.programme, command.eligible);
  }
  return [{ type: 'EligibilityOverridden', data: command }];
}
