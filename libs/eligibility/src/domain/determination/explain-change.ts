/**
 * Why a case's outcome moved between two of its determinations, programme by programme: which
 * rule-set version applied on each side, and each criterion whose observation, threshold or
 * verdict differs. This is what a supervisor reads after a republication.
 */
import type { EligibilityDeterminedV1Data } from '@lastri/contracts';

import type { ProgrammeOutcome } from '../evaluation/evaluate-programme';
import type { Programme } from '../programmes';
import { PROGRAMMES } from '../programmes';

type Determined = EligibilityDeterminedV1Data;
type DeterminedProgramme = Determined['programmes'][number];
type CriterionRecord = DeterminedProgramme['criteria'][number];

export interface CriterionSide {
  readonly observed: CriterionRecord['observed'];
  readonly threshold: CriterionRecord['threshold'];
  readonly passed: boolean;
}

export interface CriterionChange {
  readonly criterion: string;
  readonly description: string;
  readonly before: CriterionSide | null;
  readonly after: CriterionSide | null;
}

export interface ProgrammeSide {
  readonly outcome: ProgrammeOutcome;
  readonly ruleSet: { readonly id: string; readonly version: string };
}

export interface ProgrammeChange {
  readonly programme: Programme;
  /** Null: the programme was not evaluated on that side (no rule set in force). */
  readonly before: ProgrammeSide | null;
  readonly after: ProgrammeSide | null;
  readonly criteria: readonly CriterionChange[];
}

/** The programmes whose outcome differs between `before` and `after`, with the criteria that explain it. */
export function explainChange(before: Determined, after: Determined): ProgrammeChange[] {
  const changes: ProgrammeChange[] = [];
  for (const programme of PROGRAMMES) {
    const was = before.programmes.find((entry) => entry.programme === programme);
    const is = after.programmes.find((entry) => entry.programme === programme);
    if (!was && !is) continue;
    if (was && is && was.outcome === is.outcome) continue;
    changes.push({
      programme,
      before: was ? side(was) : null,
      after: is ? side(is) : null,
      criteria: criterionChanges(was?.criteria ?? [], is?.criteria ?? []),
    });
  }
  return changes;
}

function side(entry: DeterminedProgramme): ProgrammeSide {
  return { outcome: entry.outcome, ruleSet: { id: entry.ruleSet.id, version: entry.ruleSet.version } };
}

function criterionChanges(before: readonly CriterionRecord[], after: readonly CriterionRecord[]): CriterionChange[] {
  const codes = [...new Set([...before.map((entry) => entry.criterion), ...after.map((entry) => entry.criterion)])];
  return codes.flatMap((code) => {
    const was = before.find((entry) => entry.criterion === code);
    const is = after.find((entry) => entry.criterion === code);
    const wasSide = was ? criterionSide(was) : null;
    const isSide = is ? criterionSide(is) : null;
    if (JSON.stringify(wasSide) === JSON.stringify(isSide)) return [];
    return [{ criterion: code, description: is?.description ?? was?.description ?? code, before: wasSide, after: isSide }];
  });
}

function criterionSide(entry: CriterionRecord): CriterionSide {
  return { observed: entry.observed, threshold: entry.threshold, passed: entry.passed };
}
