import type { EligibilityDeterminedV1Data } from '@lastri/contracts';

import type { Facts } from '../inputs/facts';
import type { Programme } from '../programmes';
import type { PublishedRuleSet } from '../rules/rule-catalogue';
import { readsFact } from '../rules/rule-set';
import { evaluateCriterion, type CriterionResult, type UndeterminedCause } from './evaluate-criterion';

export type ProgrammeOutcome = EligibilityDeterminedV1Data['programmes'][number]['outcome'];
export type AppliedRuleSet = EligibilityDeterminedV1Data['programmes'][number]['ruleSet'];

export interface ProgrammeEvaluation {
  readonly programme: Programme;
  readonly outcome: ProgrammeOutcome;
  readonly ruleSet: AppliedRuleSet;
  readonly criteria: readonly CriterionResult[];
  /** Whether the rules read DTSEN's desil: such outcomes stand only on verified welfare data. */
  readonly readsDesil: boolean;
  readonly undeterminedBecause: readonly UndeterminedCause[];
}

/** Every criterion must pass; one failure settles it; otherwise what cannot be judged goes to review. */
export function evaluateProgramme({ ruleSet, contentHash }: PublishedRuleSet, facts: Facts): ProgrammeEvaluation {
  const criteria = ruleSet.criteria.map((criterion) => evaluateCriterion(criterion, ruleSet, facts));
  const failed = criteria.some((criterion) => criterion.verdict === 'FAILED');
  const undetermined = criteria.filter((criterion) => criterion.verdict === 'UNDETERMINED');
  return {
    programme: ruleSet.programme,
    outcome: failed ? 'NOT_ELIGIBLE' : undetermined.length > 0 ? 'NEEDS_REVIEW' : 'ELIGIBLE',
    ruleSet: {
      id: ruleSet.id,
      version: ruleSet.version,
      contentHash,
      effectiveFrom: ruleSet.effectiveFrom,
      source: ruleSet.source,
    },
    criteria,
    readsDesil: readsFact(ruleSet, 'desil'),
    undeterminedBecause: failed ? [] : undetermined.flatMap((criterion) => criterion.causes),
  };
}
