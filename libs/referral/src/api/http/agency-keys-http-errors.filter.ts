/** Where, and only where, an AgencyKeyError becomes an HTTP status, as the host's problem details. */
import { ProblemDetailsFilter, ProblemException } from '@lastri/service-host';
import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

import type { AgencyKeyErrorKind } from '../../domain/agency-keys/agency-keys.errors';
import { AgencyKeyErrorException } from './agency-keys-error.exception';

const STATUS: Record<AgencyKeyErrorKind, HttpStatus> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
};

@Catch(AgencyKeyErrorException)
export class AgencyKeysHttpErrors implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  catch(exception: AgencyKeyErrorException, host: ArgumentsHost): void {
    const { error } = exception;
    this.problems.catch(
      new ProblemException({ status: STATUS[error.kind], code: error.type, detail: error.message }),
      host,
    );
  }
}
