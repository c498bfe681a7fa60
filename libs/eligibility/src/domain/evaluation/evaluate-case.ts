/**
 * evaluate(inputs, rule sets, rules date) → per programme an outcome with its criteria, and why a
 * person must look at what the rules could not settle. Pure: the same inputs and rule-set
 * versions give the same evaluation on any machine, which is what a re-run relies on.
 */
import type { EligibilityDeterminedV1Data } from '@lastri/contracts';

import type { EligibilityInputs } from '../inputs/eligibility-inputs';
import { factsOf } from '../inputs/facts';
import { programmeOrder, type Programme } from '../programmes';
import type { PublishedRuleSet } from '../rules/rule-catalogue';
import { evaluateProgramme, type ProgrammeEvaluation, type ProgrammeOutcome } from './evaluate-programme';
import { screenWelfareData, type ReviewReason } from './welfare-data-screening';

export interface CaseEvaluation {
  /** YYYY-MM-DD whose rules were applied; ages are counted and the UMK taken on it. */
  readonly rulesAsOf: string;
  readonly programmes: readonly ProgrammeEvaluation[];
  /** Why the NEEDS_REVIEW programmes need a person; empty when none does. */
  readonly reviewReasons: readonly ReviewReason[];
}

export type DeterminedProgramme = EligibilityDeterminedV1Data['programmes'][number];

export function evaluateCase(
  inputs: EligibilityInputs,
  ruleSets: readonly PublishedRuleSet[],
  rulesAsOf: string,
): CaseEvaluation {
  const facts = factsOf(inputs, rulesAsOf);
  const screening = screenWelfareData(inputs);
  const programmes = [...ruleSets]
    .sort((a, b) => programmeOrder(a.ruleSet.programme, b.ruleSet.programme))
    .map((ruleSet) => evaluateProgramme(ruleSet, facts))
    .map((evaluation) =>
      // The rules say yes on DTSEN's desil, the surveyor who saw the house says no: a supervisor weighs the two.
      screening.homeVisitContradictsDtsen && evaluation.readsDesil && evaluation.outcome === 'ELIGIBLE'
        ? { ...evaluation, outcome: 'NEEDS_REVIEW' as const }
        : evaluation,
    );

  const reasons: ReviewReason[] = [];
  const inReview = programmes.filter((evaluation) => evaluation.outcome === 'NEEDS_REVIEW');
  if (inReview.some((evaluation) => evaluation.readsDesil)) reasons.push(...screening.reasons);
  for (const evaluation of inReview) {
    for (const cause of evaluation.undeterminedBecause) {
      if (cause.kind === 'TABLE_ENTRY_MISSING') {
        reasons.push({
          code: 'NEEDS_JUDGEMENT',
          description: `${cause.tableDescription}: angka untuk ${cause.key} belum tercatat dalam aturan ${evaluation.ruleSet.id} versi ${evaluation.ruleSet.version}`,
        });
      }
    }
  }
  if (inReview.length > 0 && reasons.length === 0) {
    reasons.push({ code: 'NEEDS_JUDGEMENT', description: 'Data kasus tidak cukup untuk memutuskan dengan aturan' });
  }
  return { rulesAsOf, programmes, reviewReasons: uniqueReasons(reasons) };
}

/** The programmes as EligibilityDetermined records them. */
export function determinedProgrammes(evaluation: CaseEvaluation): DeterminedProgramme[] {
  return evaluation.programmes.map((programme) => ({
    programme: programme.programme,
    outcome: programme.outcome,
    eligible: programme.outcome === 'ELIGIBLE',
    ruleSet: { ...programme.ruleSet },
    criteria: programme.criteria.map((criterion) => ({
      criterion: criterion.criterion,
      description: criterion.description,
      observed: criterion.observed,
      threshold: criterion.threshold,
      passed: criterion.verdict === 'PASSED',
      ...(criterion.verdict === 'UNDETERMINED' ? { undetermined: true } : {}),
    })),
  }));
}

export type OutcomeByProgramme = ReadonlyMap<Programme, ProgrammeOutcome>;

export function outcomesOf(programmes: readonly { programme: Programme; outcome: ProgrammeOutcome }[]): OutcomeByProgramme {
  return new Map(programmes.map(({ programme, outcome }) => [programme, outcome]));
}

/** Same programmes with the same outcomes: a new determination would tell nobody anything new. */
export function sameOutcomes(a: OutcomeByProgramme, b: OutcomeByProgramme): boolean {
  return a.size === b.size && [...a].every(([programme, outcome]) => b.get(programme) === outcome);
}

function uniqueReasons(reasons: readonly ReviewReason[]): ReviewReason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = `${reason.code}\u0000${reason.description}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
