/**
 * Where intake's refusals become HTTP: one table from refusal type to status, so the mapping is
 * decided once, at the edge (STYLE.md), and the application never throws framework exceptions.
 */
import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import type { IntakeRefusal } from '../../application/shared/refusals';
import { describeProblems } from '../../domain/intake.errors';
import { etagOf } from './request-context';

/** Carries a refusal from a controller to the filter; never thrown below api/. */
export class IntakeRefusalException extends Error {
  constructor(readonly refusal: IntakeRefusal) {
    super(refusal.message);
  }
}

export const REFUSAL_STATUS: Record<IntakeRefusal['type'], HttpStatus> = {
  ResidentNotRegistered: HttpStatus.NOT_FOUND,
  CaseNotFound: HttpStatus.NOT_FOUND,
  ConsentNotFound: HttpStatus.NOT_FOUND,
  ResidentAlreadyRegistered: HttpStatus.CONFLICT,
  NikAlreadyRegistered: HttpStatus.CONFLICT,
  NikRegistrationPending: HttpStatus.CONFLICT,
  CaseAlreadyOpened: HttpStatus.CONFLICT,
  CaseAlreadySubmitted: HttpStatus.CONFLICT,
  CaseAlreadyWithdrawn: HttpStatus.CONFLICT,
  ConsentAlreadyWithdrawn: HttpStatus.CONFLICT,
  VersionConflict: HttpStatus.CONFLICT,
  OutsideKelurahan: HttpStatus.FORBIDDEN,
  StaffRoleNotHeld: HttpStatus.FORBIDDEN,
  ResidentDataRefused: HttpStatus.UNPROCESSABLE_ENTITY,
  NothingToCorrect: HttpStatus.UNPROCESSABLE_ENTITY,
  ConsentRefused: HttpStatus.UNPROCESSABLE_ENTITY,
  ConsentNotWithdrawable: HttpStatus.UNPROCESSABLE_ENTITY,
  CaseDataRefused: HttpStatus.UNPROCESSABLE_ENTITY,
  CaseNotReadyForSubmission: HttpStatus.UNPROCESSABLE_ENTITY,
  EventContractViolation: HttpStatus.UNPROCESSABLE_ENTITY,
};

const REASON: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.FORBIDDEN]: 'Forbidden',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Unprocessable Entity',
};

@Catch(IntakeRefusalException)
export class IntakeRefusalFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: IntakeRefusalException, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse<unknown>();
    const { refusal } = exception;
    const status = REFUSAL_STATUS[refusal.type];
    const body: Record<string, unknown> = {
      statusCode: status,
      error: REASON[status],
      code: refusal.type,
      message: messageNamingFields(refusal),
      errors: refusal.problems,
    };
    switch (refusal.type) {
      case 'NikAlreadyRegistered':
      case 'NikRegistrationPending':
        body.existingResident = { residentId: refusal.residentId, url: `/residents/${refusal.residentId}` };
        if (refusal.type === 'NikRegistrationPending') {
          httpAdapter.setHeader(response, 'Retry-After', String(refusal.retryAfterSeconds));
        }
        break;
      case 'VersionConflict':
        body.currentVersion = refusal.currentVersion;
        if (refusal.currentVersion !== null) httpAdapter.setHeader(response, 'ETag', etagOf(refusal.currentVersion));
        break;
      default:
        break;
    }
    httpAdapter.reply(response, body, status);
  }
}

/** The message, followed by the fields it concerns when it does not name them itself. */
function messageNamingFields(refusal: IntakeRefusal): string {
  const unnamed = refusal.problems.filter((problem) => !refusal.message.includes(problem.field));
  if (unnamed.length === 0) return refusal.message;
  return `${refusal.message} (${describeProblems(unnamed)})`;
}
