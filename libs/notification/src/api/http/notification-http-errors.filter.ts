/** Notification's errors become HTTP statuses here, and only here, answered as the host's problem details. */
import { ProblemDetailsFilter, ProblemException } from '@lastri/service-host';
import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

import type { NotificationErrorKind } from '../../domain/notification.errors';
import { NotificationErrorException } from './notification-error.exception';

const STATUS: Record<NotificationErrorKind, HttpStatus> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
};

@Catch(NotificationErrorException)
export class NotificationHttpErrors implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  catch(exception: NotificationErrorException, host: ArgumentsHost): void {
    const { error } = exception;
    this.problems.catch(new ProblemException({ status: STATUS[error.kind], code: error.type, detail: error.message }), host);
  }
}
