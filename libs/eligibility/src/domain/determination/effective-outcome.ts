import type { ProgrammeStanding, StandingDecision } from './eligibility.state';

export type EffectiveStatus = 'ELIGIBLE' | 'NOT_ELIGIBLE' | 'PENDING_REVIEW' | 'RETURNED_FOR_VERIFICATION';

export interface EffectiveOutcome {
  readonly status: EffectiveStatus;
  /** Who settled it: the rules, a supervisor's review decision or an override; absent while pending. */
  readonly decidedBy?: 'RULES' | StandingDecision['by'];
}

/** What holds for a programme now: an open review first, then a supervisor's standing decision, then the rules. */
export function effectiveOutcome(standing: ProgrammeStanding): EffectiveOutcome {
  if (standing.openReviewId) return { status: 'PENDING_REVIEW' };
  if (standing.decision) {
    return { status: standing.decision.eligible ? 'ELIGIBLE' : 'NOT_ELIGIBLE', decidedBy: standing.decision.by };
  }
  switch (standing.outcome) {
    case 'NEEDS_REVIEW':
      return { status: standing.returnedForVerification ? 'RETURNED_FOR_VERIFICATION' : 'PENDING_REVIEW' };
    case 'ELIGIBLE':
    case 'NOT_ELIGIBLE':
      return { status: standing.outcome, decidedBy: 'RULES' };
  }
}
