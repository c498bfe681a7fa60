/** Injection tokens of the eligibility module; hosts and tests may provide their own catalogue or clock. */
export const RULE_CATALOGUE = Symbol('RULE_CATALOGUE');
export const ELIGIBILITY_CLOCK = Symbol('ELIGIBILITY_CLOCK');
export { ELIGIBILITY_DEPENDENCIES } from '../application/eligibility-dependencies';
