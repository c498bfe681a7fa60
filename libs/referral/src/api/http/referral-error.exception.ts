/**
 * The application answers with ReferralError values; a controller turns one into this exception
 * (orThrow), and the context's filter into the answer (404, 409 or 422 by its kind).
 */
import { isReferralError, type ReferralError, type ReferralErrorKind } from '../../domain/referral.errors';

export class ReferralErrorException extends Error {
  override readonly name: string;
  readonly kind: ReferralErrorKind;
  readonly code: string;

  constructor(readonly error: ReferralError) {
    super(error.message);
    this.name = error.type;
    this.kind = error.kind;
    this.code = error.type;
  }
}

export function orThrow<T>(answer: T | ReferralError): Exclude<T, ReferralError> {
  if (isReferralError(answer)) throw new ReferralErrorException(answer);
  return answer as Exclude<T, ReferralError>;
}
