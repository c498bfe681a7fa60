import { isEligibilityError, type EligibilityError } from '../domain/determination/eligibility.errors';

/** The application's answer in a test that expects no refusal: a refusal fails the test, naming it. */
export async function answered<T>(answer: Promise<T | EligibilityError> | T | EligibilityError): Promise<Exclude<T, EligibilityError>> {
  const value = await answer;
  if (isEligibilityError(value)) throw new Error(`Expected an answer, got the refusal ${value.type}: ${value.message}`);
  return value as Exclude<T, EligibilityError>;
}
