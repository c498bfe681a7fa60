/**
 * The key use cases answer with AgencyKeyError values; a controller turns one into this exception,
 * and AgencyKeysHttpErrors into the answer (404, 409 or 422 by its kind).
 */
import { isAgencyKeyError, type AgencyKeyError } from '../../domain/agency-keys/agency-keys.errors';

export class AgencyKeyErrorException extends Error {
  override readonly name: string;
  constructor(readonly error: AgencyKeyError) {
    super(error.message);
    this.name = error.type;
  }
}

export function orThrow<T>(answer: T | AgencyKeyError): Exclude<T, AgencyKeyError> {
  if (isAgencyKeyError(answer)) throw new AgencyKeyErrorException(answer);
  return answer as Exclude<T, AgencyKeyError>;
}
