/**
 * Eligibility's errors are values with a kind; a controller throws one as EligibilityErrorException
 * (orThrow), and here, and only here, it becomes an HTTP status, answered as the host's problem
 * details (the error's `type` is the `code`).
 */
import { ProblemDetailsFilter, ProblemException } from '@lastri/service-host';
import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

import type { EligibilityError, EligibilityErrorKind } from '../../domain/determination/eligibility.errors';
import { EligibilityErrorException } from './eligibility-error.exception';

const STATUS: Record<EligibilityErrorKind, HttpStatus> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
};

export function problemOfEligibilityError(error: EligibilityError): ProblemException {
  return new ProblemException({ status: STATUS[error.kind], code: error.type, detail: error.message });
}

@Catch(EligibilityErrorException)
export class EligibilityHttpErrors implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  catch(exception: EligibilityErrorException, host: ArgumentsHost): void {
    this.problems.catch(problemOfEligibilityError(exception.error), host);
  }
}
