/** Domain errors are values with a kind; here, and only here, they become HTTP statuses. */
import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

import { EligibilityError, type EligibilityErrorKind } from '../../domain/determination/eligibility-errors';

const STATUS: Record<EligibilityErrorKind, HttpStatus> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
};

interface HttpResponseLike {
  status(code: number): { json(body: unknown): unknown };
}

@Catch(EligibilityError)
export class EligibilityHttpErrors implements ExceptionFilter {
  catch(error: EligibilityError, host: ArgumentsHost): void {
    const status = STATUS[error.kind];
    host
      .switchToHttp()
      .getResponse<HttpResponseLike>()
      .status(status)
      .json({ statusCode: status, error: error.name, code: error.code, message: error.message });
  }
}
