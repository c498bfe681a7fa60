/**
 * A case's eligibility as a supervisor or auditor reads it: per programme what holds now and who
 * settled it, then the full record (every determination, review and override, oldest first).
 */
import type {
  EligibilityDeterminedV1Data,
  EligibilityOverriddenV1Data,
  ManualReviewDecidedV1Data,
  ManualReviewRequiredV1Data,
} from '@lastri/contracts';

import type { ProgrammeOutcome } from '../evaluation/evaluate-programme';
import { programmeOrder, type Programme } from '../programmes';
import { effectiveOutcome, type EffectiveOutcome } from './effective-outcome';
import { latestDetermination, standingOf, type CaseState, type ReviewStatus, type StandingDecision } from './eligibility.state';

export interface ProgrammeView extends EffectiveOutcome {
  readonly programme: Programme;
  /** What the rules alone concluded in the current determination. */
  readonly ruleOutcome: ProgrammeOutcome;
  readonly ruleSet: { readonly id: string; readonly version: string };
  readonly openReviewId?: string;
  readonly decision?: StandingDecision;
}

export interface ReviewView {
  readonly reviewId: string;
  readonly determinationId?: string;
  readonly programmes: ManualReviewRequiredV1Data['programmes'];
  readonly openProgrammes: readonly Programme[];
  readonly reasons: ManualReviewRequiredV1Data['reasons'];
  readonly status: ReviewStatus;
  readonly decision?: ManualReviewDecidedV1Data;
}

export interface CaseView {
  readonly caseId: string;
  readonly currentDeterminationId: string;
  readonly programmes: readonly ProgrammeView[];
  readonly determinations: readonly EligibilityDeterminedV1Data[];
  readonly reviews: readonly ReviewView[];
  readonly overrides: readonly EligibilityOverriddenV1Data[];
}

export function caseView(caseState: CaseState): CaseView | undefined {
  const current = latestDetermination(caseState);
  if (!current) return undefined;
  const programmes = current.data.programmes
    .map(({ programme, outcome, ruleSet }): ProgrammeView => {
      const standing = standingOf(caseState, programme);
      return {
        programme,
        ...effectiveOutcome(standing),
        ruleOutcome: outcome,
        ruleSet: { id: ruleSet.id, version: ruleSet.version },
        ...(standing.openReviewId ? { openReviewId: standing.openReviewId } : {}),
        ...(standing.decision ? { decision: standing.decision } : {}),
      };
    })
    .sort((a, b) => programmeOrder(a.programme, b.programme));
  return {
    caseId: caseState.caseId,
    currentDeterminationId: current.data.determinationId,
    programmes,
    determinations: caseState.determinations.map((determination) => determination.data),
    reviews: caseState.reviews.map((review) => ({
      reviewId: review.data.reviewId,
      ...(review.data.determinationId ? { determinationId: review.data.determinationId } : {}),
      programmes: review.data.programmes,
      openProgrammes: review.openProgrammes,
      reasons: review.data.reasons,
      status: review.status,
      ...(review.decision ? { decision: review.decision } : {}),
    })),
    overrides: caseState.overrides,
  };
}
