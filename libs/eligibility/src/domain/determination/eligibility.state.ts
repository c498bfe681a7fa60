/**
 * What an `eligibility-<residentId>` stream says about each of the resident's cases, folded from
 * its events. The part that needs care is what holds per programme: the rules' latest outcome,
 * and a supervisor's decision on it (an approval in a manual review, an override). A decision
 * stands while later determinations reach the same outcome for that programme (new facts about
 * an unrelated programme do not undo it) and falls when the outcome changes, or when the case is
 * submitted anew, because it was taken on a different picture of the case.
 */
import { assertNever } from '@lastri/kernel';
import type {
  EligibilityDeterminedV1Data,
  EligibilityOverriddenV1Data,
  ManualReviewDecidedV1Data,
  ManualReviewRequiredV1Data,
} from '@lastri/contracts';

import type { ProgrammeOutcome } from '../evaluation/evaluate-programme';
import type { Programme } from '../programmes';
import type { Decider, RecordedEligibilityEvent } from './eligibility.events';

export interface DeterminationRecord {
  readonly data: EligibilityDeterminedV1Data;
  /** The intake event or republication that caused it. */
  readonly causationId?: string;
}

export type ReviewStatus = 'OPEN' | 'DECIDED' | 'SUPERSEDED';

export interface ReviewRecord {
  readonly data: ManualReviewRequiredV1Data;
  /** Its programmes whose outcome has not changed since it was raised: what it still decides. */
  readonly openProgrammes: readonly Programme[];
  readonly status: ReviewStatus;
  readonly decision?: ManualReviewDecidedV1Data;
}

export interface StandingDecision {
  readonly by: 'MANUAL_REVIEW' | 'OVERRIDE';
  readonly eligible: boolean;
  readonly reason: string;
  readonly decidedBy: Decider;
  /** The review or the determination it was taken on. */
  readonly reviewId?: string;
  readonly determinationId: string;
}

export interface ProgrammeStanding {
  /** The rules' outcome in the latest determination. */
  readonly outcome: ProgrammeOutcome;
  readonly determinationId: string;
  readonly decision?: StandingDecision;
  readonly openReviewId?: string;
  /** A supervisor sent the case back to intake for verification (e.g. a home visit). */
  readonly returnedForVerification?: boolean;
}

export interface CaseState {
  readonly caseId: string;
  readonly determinations: readonly DeterminationRecord[];
  readonly reviews: readonly ReviewRecord[];
  readonly overrides: readonly EligibilityOverriddenV1Data[];
  readonly standings: ReadonlyMap<Programme, ProgrammeStanding>;
}

export interface EligibilityState {
  readonly cases: ReadonlyMap<string, CaseState>;
}

export const initialState: EligibilityState = { cases: new Map() };

export function evolve(state: EligibilityState, event: RecordedEligibilityEvent): EligibilityState {
  const caseId = event.data.caseId;
  const current = state.cases.get(caseId) ?? emptyCase(caseId);
  let next: CaseState;
  switch (event.type) {
    case 'EligibilityDetermined':
      next = determined(current, event.data, event.causationId);
      break;
    case 'ManualReviewRequired':
      next = reviewRequired(current, event.data);
      break;
    case 'ManualReviewDecided':
      next = reviewDecided(current, event.data);
      break;
    case 'EligibilityOverridden':
      next = overridden(current, event.data);
      break;
    default:
      return assertNever(event, 'eligibility event');
  }
  return { cases: new Map(state.cases).set(caseId, next) };
}

export function latestDetermination(caseState: CaseState): DeterminationRecord | undefined {
  return caseState.determinations.at(-1);
}

/** Every programme of a case's latest determination has a standing: evolve keeps it so. */
export function standingOf(caseState: CaseState, programme: Programme): ProgrammeStanding {
  const standing = caseState.standings.get(programme);
  if (!standing) throw new Error(`Case ${caseState.caseId} has no standing for ${programme}: its latest determination did not evaluate it.`);
  return standing;
}

function emptyCase(caseId: string): CaseState {
  return { caseId, determinations: [], reviews: [], overrides: [], standings: new Map() };
}

function determined(current: CaseState, data: EligibilityDeterminedV1Data, causationId?: string): CaseState {
  const resubmitted = data.trigger.kind === 'CASE_SUBMITTED';
  const standings = new Map<Programme, ProgrammeStanding>();
  const changed = new Set<Programme>(current.standings.keys());
  for (const { programme, outcome } of data.programmes) {
    const previous = current.standings.get(programme);
    if (previous && !resubmitted && previous.outcome === outcome) {
      standings.set(programme, { ...previous, determinationId: data.determinationId });
      changed.delete(programme);
    } else {
      standings.set(programme, { outcome, determinationId: data.determinationId });
    }
  }
  const reviews = current.reviews.map((review) => {
    if (review.status !== 'OPEN') return review;
    const openProgrammes = review.openProgrammes.filter((programme) => !changed.has(programme));
    return openProgrammes.length === 0
      ? { ...review, openProgrammes, status: 'SUPERSEDED' as const }
      : { ...review, openProgrammes };
  });
  return {
    ...current,
    determinations: [...current.determinations, { data, ...(causationId ? { causationId } : {}) }],
    reviews,
    standings,
  };
}

function reviewRequired(current: CaseState, data: ManualReviewRequiredV1Data): CaseState {
  const standings = new Map(current.standings);
  for (const programme of data.programmes) {
    const standing = standings.get(programme);
    if (standing) {
      standings.set(programme, { ...standing, openReviewId: data.reviewId, returnedForVerification: false, decision: undefined });
    }
  }
  return {
    ...current,
    reviews: [...current.reviews, { data, openProgrammes: [...data.programmes], status: 'OPEN' }],
    standings,
  };
}

function reviewDecided(current: CaseState, data: ManualReviewDecidedV1Data): CaseState {
  const review = current.reviews.find((candidate) => candidate.data.reviewId === data.reviewId);
  if (!review) return current;
  const standings = new Map(current.standings);
  for (const programme of review.openProgrammes) {
    const standing = standings.get(programme);
    if (!standing) continue;
    const { openReviewId: _closed, ...rest } = standing;
    if (data.decision === 'RETURNED_FOR_VERIFICATION') {
      standings.set(programme, { ...rest, returnedForVerification: true, decision: undefined });
      continue;
    }
    const eligible =
      data.decision === 'APPROVED' && (data.programmes ?? []).some((entry) => entry.programme === programme && entry.eligible);
    standings.set(programme, {
      ...rest,
      decision: {
        by: 'MANUAL_REVIEW',
        eligible,
        reason: data.reason,
        decidedBy: data.decidedBy,
        reviewId: data.reviewId,
        determinationId: standing.determinationId,
      },
    });
  }
  return {
    ...current,
    reviews: current.reviews.map((candidate) =>
      candidate === review ? { ...candidate, status: 'DECIDED' as const, decision: data } : candidate,
    ),
    standings,
  };
}

function overridden(current: CaseState, data: EligibilityOverriddenV1Data): CaseState {
  const standings = new Map(current.standings);
  const standing = standings.get(data.programme);
  if (standing) {
    standings.set(data.programme, {
      ...standing,
      returnedForVerification: false,
      decision: {
        by: 'OVERRIDE',
        eligible: data.eligible,
        reason: data.reason,
        decidedBy: data.overriddenBy,
        determinationId: data.determinationId,
      },
    });
  }
  return { ...current, overrides: [...current.overrides, data], standings };
}
