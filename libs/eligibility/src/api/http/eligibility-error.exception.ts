/**
 * The application answers with EligibilityError values; a controller turns one into this
 * exception, and the HTTP filter into the answer (404, 409 or 422 by its kind).
 */
import { isEligibilityError, type EligibilityError, type EligibilityErrorKind } from '../../domain/determination/eligibility.errors';

export class EligibilityErrorException extends Error {
  override readonly name: string;
  readonly kind: EligibilityErrorKind;
  /** Stable, for clients to branch on: the error's type, e.g. ReviewAlreadyDecided. */
  readonly code: string;

  constructor(readonly error: EligibilityError) {
    super(error.message);
    this.name = error.type;
    this.kind = error.kind;
    this.code = error.type;
  }
}

/** The application's answer when it is not a refusal; a refusal becomes the exception. */
export function orThrow<T>(answer: T | EligibilityError): Exclude<T, EligibilityError> {
  if (isEligibilityError(answer)) throw new EligibilityErrorException(answer);
  return answer as Exclude<T, EligibilityError>;
}
