import { wibDateOf } from '@lastri/kernel';
import { evaluateCase, type CaseEvaluation } from '../domain/evaluation/evaluate-case';
import type { ProgrammeEvaluation } from '../domain/evaluation/evaluate-programme';
import type { Programme } from '../domain/programmes';
import { RuleCatalogue } from '../domain/rules/rule-catalogue';
import type { Literal, RuleSet } from '../domain/rules/rule-set';
import { loadRuleCatalogue, loadRuleSets } from '../infrastructure/rule-files';
import { inputsOf, type CaseOptions } from './case-submitted.fixture';

/** The rule files as published in this repository. */
export const publishedCatalogue = loadRuleCatalogue();

export function publishedRuleSet(id: string, version = '1'): RuleSet {
  const found = loadRuleSets().find((ruleSet) => ruleSet.id === id && ruleSet.version === version);
  if (!found) throw new Error(`No rule file ${id} v${version}`);
  return found;
}

/** A later version of a published rule set with other parameter values, e.g. PKH's elderly age at 60. */
export function revised(
  ruleSet: RuleSet,
  changes: { version: string; effectiveFrom: string; parameters?: Record<string, Literal> },
): RuleSet {
  const parameters = Object.fromEntries(
    Object.entries(ruleSet.parameters ?? {}).map(([name, parameter]) => [
      name,
      changes.parameters && name in changes.parameters ? { ...parameter, value: changes.parameters[name] } : parameter,
    ]),
  );
  return { ...ruleSet, version: changes.version, effectiveFrom: changes.effectiveFrom, parameters };
}

export function catalogueWith(...extra: RuleSet[]): RuleCatalogue {
  return RuleCatalogue.of([...loadRuleSets(), ...extra]);
}

/** The whole case as the catalogue judges it on its submission date. */
export function evaluate(options: CaseOptions = {}, catalogue: RuleCatalogue = publishedCatalogue): CaseEvaluation {
  const inputs = inputsOf(options);
  const asOf = wibDateOf(inputs.submittedAt);
  return evaluateCase(inputs, catalogue.inForce(asOf), asOf);
}

export function programmeResult(
  programme: Programme,
  options: CaseOptions = {},
  catalogue: RuleCatalogue = publishedCatalogue,
): ProgrammeEvaluation {
  const found = evaluate(options, catalogue).programmes.find((entry) => entry.programme === programme);
  if (!found) throw new Error(`${programme} was not evaluated`);
  return found;
}

export function criterionOf(evaluation: ProgrammeEvaluation, code: string) {
  const found = evaluation.criteria.find((criterion) => criterion.criterion === code);
  if (!found) throw new Error(`${evaluation.programme} has no criterion ${code}`);
  return found;
}
