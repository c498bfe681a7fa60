/**
 * The evaluator of rule files: three-valued, because a case can lack what a criterion needs (no
 * desil yet, no UMK recorded for the year). A criterion passes, fails, or is undetermined; an
 * undetermined criterion never silently counts as failed, it sends the programme to a person.
 */
import type { Facts, Scalar, ValueFact } from '../inputs/facts';
import {
  describeCriterion,
  isParameterRef,
  isSomeTest,
  isTableLookup,
  isValueTest,
  type Criterion,
  type CriterionTest,
  type Literal,
  type Operand,
  type Operator,
  type RuleSet,
  type SomeTest,
  type ValueTest,
} from '../rules/rule-set';
import { RuleSetInvalidError } from '../rules/rule-set-errors';

export type Observed = Scalar | Scalar[];
export type CriterionVerdict = 'PASSED' | 'FAILED' | 'UNDETERMINED';

/** Why a criterion could not be judged. */
export type UndeterminedCause =
  | { readonly kind: 'FACT_UNKNOWN'; readonly fact: ValueFact }
  | { readonly kind: 'TABLE_ENTRY_MISSING'; readonly table: string; readonly tableDescription: string; readonly key: string };

export interface CriterionResult {
  readonly criterion: string;
  readonly description: string;
  readonly observed: Observed;
  readonly threshold: Observed;
  readonly verdict: CriterionVerdict;
  readonly causes: readonly UndeterminedCause[];
}

type Resolved = { readonly value: Literal } | { readonly cause: UndeterminedCause };

export function evaluateCriterion(criterion: Criterion, ruleSet: RuleSet, facts: Facts): CriterionResult {
  const outcome = evaluateTest(criterion.test, ruleSet, facts);
  return { criterion: criterion.code, description: describeCriterion(criterion.description, ruleSet), ...outcome };
}

type TestOutcome = Pick<CriterionResult, 'observed' | 'threshold' | 'verdict' | 'causes'>;

function evaluateTest(test: CriterionTest, ruleSet: RuleSet, facts: Facts): TestOutcome {
  if (isValueTest(test)) return evaluateValueTest(test, ruleSet, facts);
  if (isSomeTest(test)) return evaluateSomeTest(test, ruleSet, facts);

  const components = test.anyOf.map((component) => ({
    code: component.component,
    outcome: evaluateTest(component.test, ruleSet, facts),
  }));
  const passed = components.filter(({ outcome }) => outcome.verdict === 'PASSED').map(({ code }) => code);
  const undetermined = components.filter(({ outcome }) => outcome.verdict === 'UNDETERMINED');
  return {
    observed: passed,
    threshold: 1,
    verdict: passed.length > 0 ? 'PASSED' : undetermined.length > 0 ? 'UNDETERMINED' : 'FAILED',
    causes: passed.length > 0 ? [] : undetermined.flatMap(({ outcome }) => outcome.causes),
  };
}

function evaluateValueTest(test: ValueTest, ruleSet: RuleSet, facts: Facts): TestOutcome {
  const observed = facts[test.fact] as Observed;
  const threshold = resolve(test.value, ruleSet, facts);
  if ('cause' in threshold || observed === null) {
    const causes: UndeterminedCause[] = [];
    if (observed === null) causes.push({ kind: 'FACT_UNKNOWN', fact: test.fact });
    if ('cause' in threshold) causes.push(threshold.cause);
    return { observed, threshold: 'cause' in threshold ? null : asObserved(threshold.value), verdict: 'UNDETERMINED', causes };
  }
  return {
    observed,
    threshold: asObserved(threshold.value),
    verdict: compare(test.op, observed, threshold.value) ? 'PASSED' : 'FAILED',
    causes: [],
  };
}

function evaluateSomeTest(test: SomeTest, ruleSet: RuleSet, facts: Facts): TestOutcome {
  const conditions = test.where.map((condition) => ({ ...condition, resolved: resolve(condition.value, ruleSet, facts) }));
  const unresolved = conditions.flatMap(({ resolved }) => ('cause' in resolved ? [resolved.cause] : []));
  const observedCondition = conditions.find((condition) => condition.field === test.observe);
  const threshold: Observed =
    observedCondition === undefined ? 1 : 'cause' in observedCondition.resolved ? null : asObserved(observedCondition.resolved.value);
  const items = facts[test.some] as readonly Record<string, Scalar>[];
  if (unresolved.length > 0) {
    return { observed: null, threshold, verdict: 'UNDETERMINED', causes: unresolved };
  }
  const matching = items.filter((item) =>
    conditions.every(({ field, op, resolved }) => compare(op, item[field], (resolved as { value: Literal }).value)),
  );
  return {
    observed: test.observe === undefined ? matching.length : matching.map((item) => item[test.observe as string]),
    threshold,
    verdict: matching.length > 0 ? 'PASSED' : 'FAILED',
    causes: [],
  };
}

function resolve(operand: Operand, ruleSet: RuleSet, facts: Facts): Resolved {
  if (isParameterRef(operand)) {
    const parameter = ruleSet.parameters?.[operand.param];
    if (!parameter) throw new RuleSetInvalidError(ruleSet.id, [`names parameter ${operand.param}, which it does not define`]);
    return { value: parameter.value };
  }
  if (isTableLookup(operand)) {
    const table = ruleSet.tables?.[operand.table];
    if (!table) throw new RuleSetInvalidError(ruleSet.id, [`names table ${operand.table}, which it does not define`]);
    const key = String(facts[operand.key]);
    const entry = table.entries[key];
    return entry === undefined
      ? { cause: { kind: 'TABLE_ENTRY_MISSING', table: operand.table, tableDescription: table.description, key } }
      : { value: entry };
  }
  return { value: operand };
}

export function compare(op: Operator, observed: Observed, threshold: Literal): boolean {
  switch (op) {
    case 'eq':
      return observed === threshold;
    case 'ne':
      return observed !== threshold;
    case 'lt':
      return typeof observed === 'number' && observed < (threshold as number);
    case 'lte':
      return typeof observed === 'number' && observed <= (threshold as number);
    case 'gt':
      return typeof observed === 'number' && observed > (threshold as number);
    case 'gte':
      return typeof observed === 'number' && observed >= (threshold as number);
    case 'between': {
      const [lowest, highest] = threshold as readonly number[];
      return typeof observed === 'number' && observed >= lowest && observed <= highest;
    }
    case 'in':
      return !Array.isArray(observed) && (threshold as readonly Scalar[]).includes(observed);
    case 'startsWith':
      return typeof observed === 'string' && observed.startsWith(threshold as string);
    case 'contains':
      return Array.isArray(observed) && observed.includes(threshold as Scalar);
  }
}

function asObserved(value: Literal): Observed {
  return Array.isArray(value) ? [...value] : (value as Scalar);
}
