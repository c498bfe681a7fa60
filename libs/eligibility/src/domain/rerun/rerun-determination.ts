/**
 * The auditor's question: does this determination follow from what it says it used? Re-evaluate
 * the recorded inputs with the pinned rule-set versions on the recorded rules date and compare,
 * programme by programme and criterion by criterion; also recompute the inputs digest and check
 * that each pinned version still has the content hash the determination recorded.
 */
import type { EligibilityDeterminedV1Data } from '@lastri/contracts';

import { determinedProgrammes, evaluateCase, type DeterminedProgramme } from '../evaluation/evaluate-case';
import { inputsDigest } from '../inputs/eligibility-inputs';
import type { PublishedRuleSet } from '../rules/rule-catalogue';
import { jsonDifferences, type Difference } from './json-diff';

export interface RuleSetCheck {
  readonly id: string;
  readonly version: string;
  readonly recordedContentHash: string;
  /** Null when that version is no longer published. */
  readonly publishedContentHash: string | null;
  readonly matches: boolean;
}

export interface RerunReport {
  readonly caseId: string;
  readonly determinationId: string;
  readonly rulesAsOf: string;
  /** True when the digest, every rule set and every programme's result are reproduced exactly. */
  readonly identical: boolean;
  readonly inputsDigest: { readonly recorded: string; readonly recomputed: string; readonly matches: boolean };
  readonly ruleSets: readonly RuleSetCheck[];
  /** Paths as /programmes/<PROGRAMME>/criteria/<CRITERION>/<field>. */
  readonly differences: readonly Difference[];
}

export type FindRuleSet = (id: string, version: string) => PublishedRuleSet | undefined;

export function rerunDetermination(recorded: EligibilityDeterminedV1Data, findRuleSet: FindRuleSet): RerunReport {
  const ruleSets = recorded.programmes.map(({ ruleSet }) => {
    const published = findRuleSet(ruleSet.id, ruleSet.version);
    return {
      check: {
        id: ruleSet.id,
        version: ruleSet.version,
        recordedContentHash: ruleSet.contentHash,
        publishedContentHash: published?.contentHash ?? null,
        matches: published?.contentHash === ruleSet.contentHash,
      },
      published,
    };
  });
  const available = ruleSets.flatMap(({ published }) => (published ? [published] : []));
  const rerun = determinedProgrammes(evaluateCase(recorded.inputs, available, recorded.rulesAsOf));
  const recomputedDigest = inputsDigest(recorded.inputs);
  const differences = jsonDifferences(byProgramme(recorded.programmes), byProgramme(rerun), '/programmes');
  const digestMatches = recomputedDigest === recorded.inputsDigest;
  return {
    caseId: recorded.caseId,
    determinationId: recorded.determinationId,
    rulesAsOf: recorded.rulesAsOf,
    identical: digestMatches && ruleSets.every(({ check }) => check.matches) && differences.length === 0,
    inputsDigest: { recorded: recorded.inputsDigest, recomputed: recomputedDigest, matches: digestMatches },
    ruleSets: ruleSets.map(({ check }) => check),
    differences,
  };
}

/** Keyed by programme and criterion code, so a difference reads as what it is, not as an index. */
function byProgramme(programmes: readonly DeterminedProgramme[]): Record<string, unknown> {
  return Object.fromEntries(
    programmes.map(({ programme, criteria, ...rest }) => [
      programme,
      { ...rest, criteria: Object.fromEntries(criteria.map(({ criterion, ...result }) => [criterion, result])) },
    ]),
  );
}
