/** Referral's errors become HTTP statuses here, and only here, answered as the host's problem details. */
import { ProblemDetailsFilter, ProblemException } from '@lastri/service-host';
import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

import type { ReferralError, ReferralErrorKind } from '../../domain/referral.errors';
import { ReferralErrorException } from './referral-error.exception';

const STATUS: Record<ReferralErrorKind, HttpStatus> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
};

export function problemOfReferralError(error: ReferralError): ProblemException {
  return new ProblemException({ status: STATUS[error.kind], code: error.type, detail: error.message });
}

@Catch(ReferralErrorException)
export class ReferralHttpErrors implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  catch(exception: ReferralErrorException, host: ArgumentsHost): void {
    this.problems.catch(problemOfReferralError(exception.error), host);
  }
}
