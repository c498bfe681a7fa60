/**
 * The facts a rule file may name. Rule files are data: they can only read what is listed here,
 * and the rule-set check refuses any other name, so a typo in a file fails at load, not as a
 * silently failed criterion.
 */
import { ageOn, yearOf } from '@lastri/kernel';
import type { EligibilityInputs } from './eligibility-inputs';

export type Scalar = string | number | boolean | null;

export interface ValueFacts {
  /** Null when unknown: no desil yet, or a desil recorded for a household outside DTSEN (not trusted). */
  desil: number | null;
  dtsenStatus: string;
  householdIncomePerMonth: number;
  householdSize: number;
  pregnantOrNursing: boolean;
  employmentStatus: string;
  /** The applicant's completed years on the rules date. */
  residentAge: number;
  kelurahanCode: string;
  kecamatanCode: string;
  needCategory: string;
  vulnerabilityReasons: string[];
  housingUninhabitable: boolean;
  /** The rules date's year: the key of yearly tables such as the UMK. */
  year: number;
}

export interface CollectionFacts {
  children: { age: number; enrolled: boolean; level: string | null; grade: number | null }[];
  disabledMembers: { kind: string; severity: string }[];
  elderlyMembers: { age: number }[];
}

export type Facts = ValueFacts & CollectionFacts;
export type ValueFact = keyof ValueFacts;
export type CollectionFact = keyof CollectionFacts;

export const VALUE_FACTS: readonly ValueFact[] = [
  'desil',
  'dtsenStatus',
  'householdIncomePerMonth',
  'householdSize',
  'pregnantOrNursing',
  'employmentStatus',
  'residentAge',
  'kelurahanCode',
  'kecamatanCode',
  'needCategory',
  'vulnerabilityReasons',
  'housingUninhabitable',
  'year',
];

export const COLLECTION_FIELDS: { readonly [C in CollectionFact]: readonly (keyof CollectionFacts[C][number])[] } = {
  children: ['age', 'enrolled', 'level', 'grade'],
  disabledMembers: ['kind', 'severity'],
  elderlyMembers: ['age'],
};

export function isValueFact(name: unknown): name is ValueFact {
  return typeof name === 'string' && (VALUE_FACTS as readonly string[]).includes(name);
}

export function isCollectionFact(name: unknown): name is CollectionFact {
  return typeof name === 'string' && Object.hasOwn(COLLECTION_FIELDS, name);
}

/** The facts of a case on the rules date `asOf` (YYYY-MM-DD). */
export function factsOf(inputs: EligibilityInputs, asOf: string): Facts {
  const { assessment } = inputs;
  return {
    desil: assessment.dtsenStatus === 'IN_DTSEN' ? assessment.desil : null,
    dtsenStatus: assessment.dtsenStatus,
    householdIncomePerMonth: assessment.householdIncomePerMonth,
    householdSize: assessment.householdSize,
    pregnantOrNursing: assessment.pregnantOrNursing,
    employmentStatus: assessment.employmentStatus,
    residentAge: ageOn(inputs.resident.birthDate, asOf),
    kelurahanCode: inputs.resident.kelurahanCode,
    kecamatanCode: inputs.resident.kecamatanCode,
    needCategory: inputs.case.needCategory,
    vulnerabilityReasons: [...inputs.case.vulnerabilityReasons],
    housingUninhabitable: assessment.housingCondition.uninhabitable,
    year: yearOf(asOf),
    children: assessment.children.map(({ age, enrolled, level, grade }) => ({ age, enrolled, level, grade })),
    disabledMembers: assessment.disabledMembers.map(({ kind, severity }) => ({ kind, severity })),
    elderlyMembers: assessment.elderlyMembers.map(({ age }) => ({ age })),
  };
}
