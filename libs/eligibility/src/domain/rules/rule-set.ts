/**
 * The shape of a rule file (libs/eligibility/src/rules/<id>/<id>.v<n>.json): one programme's
 * rules as published on one date. Criteria are declarative tests over the facts of facts.ts;
 * figures that a regulation fixes (a desil ceiling, an age, the UMK of each year) are named
 * parameters and tables with their source, so that the figure, where it comes from and how sure
 * we are of it sit side by side, and a correction is a new version of the file.
 */
import type { Programme } from '../programmes';
import type { CollectionFact, Scalar, ValueFact } from '../inputs/facts';

export type Operator = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'between' | 'in' | 'startsWith' | 'contains';
export const OPERATORS: readonly Operator[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'startsWith', 'contains'];

export type Literal = Scalar | readonly Scalar[];

/** `{ "param": "maxDesil" }`: the rule set's parameter of that name. */
export interface ParameterRef {
  readonly param: string;
}

/** `{ "table": "umk", "key": "year" }`: the table's entry for the case's value of the key fact. */
export interface TableLookup {
  readonly table: string;
  readonly key: ValueFact;
}

export type Operand = Literal | ParameterRef | TableLookup;

/** Compares one fact of the case with the operand: observed = the fact, threshold = the operand. */
export interface ValueTest {
  readonly fact: ValueFact;
  readonly op: Operator;
  readonly value: Operand;
}

export interface FieldCondition {
  readonly field: string;
  readonly op: Operator;
  readonly value: Operand;
}

/**
 * Passes when at least one member of the list meets every condition. Observed: the `observe`
 * field of each member who does (e.g. the ages of the school children), or how many do;
 * threshold: the condition on the observed field, or 1.
 */
export interface SomeTest {
  readonly some: CollectionFact;
  readonly where: readonly FieldCondition[];
  readonly observe?: string;
}

/** A named way to pass an AnyOf criterion, e.g. PKH's components. */
export interface Component {
  readonly component: string;
  readonly description: string;
  readonly test: ValueTest | SomeTest;
}

/** Passes when at least one component does. Observed: the codes of the components that pass. */
export interface AnyOfTest {
  readonly anyOf: readonly Component[];
}

export type CriterionTest = ValueTest | SomeTest | AnyOfTest;

export interface Criterion {
  /** UPPER_SNAKE, unique within the rule set: what a determination names. */
  readonly code: string;
  /** Bahasa Indonesia as shown to caseworkers and residents; `{name}` is replaced by parameter `name`. */
  readonly description: string;
  readonly test: CriterionTest;
}

export interface Parameter {
  readonly value: Literal;
  readonly source: string;
  /** Set where the sources disagree or are not confirmed: what else is said, and by whom. */
  readonly uncertain?: string;
}

/** Figures that change every year (the UMK): keys are years, values rupiah. */
export interface YearTable {
  readonly description: string;
  readonly source: string;
  readonly uncertain?: string;
  readonly entries: Readonly<Record<string, number>>;
}

export interface RuleSet {
  /** kebab-case, e.g. `pkh`, `sembako-daerah`; the folder and file name. */
  readonly id: string;
  /** A whole number as text ("1", "2"), rising with effectiveFrom. */
  readonly version: string;
  readonly programme: Programme;
  readonly name: string;
  /** YYYY-MM-DD: cases submitted on or after this day are judged by this version (until the next). */
  readonly effectiveFrom: string;
  /** The regulation or decree, as reported. */
  readonly source: string;
  readonly notes?: readonly string[];
  readonly parameters?: Readonly<Record<string, Parameter>>;
  readonly tables?: Readonly<Record<string, YearTable>>;
  readonly criteria: readonly Criterion[];
}

export function isParameterRef(operand: Operand): operand is ParameterRef {
  return typeof operand === 'object' && operand !== null && !Array.isArray(operand) && 'param' in operand;
}

export function isTableLookup(operand: Operand): operand is TableLookup {
  return typeof operand === 'object' && operand !== null && !Array.isArray(operand) && 'table' in operand;
}

export function isValueTest(test: CriterionTest): test is ValueTest {
  return 'fact' in test;
}

export function isSomeTest(test: CriterionTest): test is SomeTest {
  return 'some' in test;
}

/** The criterion's description with `{parameter}` placeholders filled in. */
export function describeCriterion(template: string, ruleSet: RuleSet): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (placeholder, name: string) => {
    const parameter = ruleSet.parameters?.[name];
    return parameter === undefined ? placeholder : formatLiteral(parameter.value);
  });
}

function formatLiteral(value: Literal): string {
  if (Array.isArray(value)) return value.map((item) => formatLiteral(item as Scalar)).join('–');
  // Grouped by hand, not toLocaleString: the text is part of a determination, and a re-run on a
  // machine with other locale data must produce the same bytes.
  if (typeof value === 'number' && Number.isInteger(value)) return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return String(value);
}

/** Does any criterion read this fact? (Which programmes depend on DTSEN's desil, for instance.) */
export function readsFact(ruleSet: RuleSet, fact: ValueFact): boolean {
  const testReads = (test: CriterionTest): boolean => {
    if (isValueTest(test)) return test.fact === fact || operandReads(test.value, fact);
    if (isSomeTest(test)) return test.where.some((condition) => operandReads(condition.value, fact));
    return test.anyOf.some((component) => testReads(component.test));
  };
  return ruleSet.criteria.some((criterion) => testReads(criterion.test));
}

function operandReads(operand: Operand, fact: ValueFact): boolean {
  return isTableLookup(operand) && operand.key === fact;
}
