/**
 * Where intake's refusals become HTTP: one table from refusal type to status, so the mapping is
 * decided once, at the edge (docs/style.md), and the application never throws framework exceptions.
 */
import { ProblemDetailsFilter, ProblemException } from '@lastri/service-host';
import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

import type { IntakeRefusal } from '../../application/support/refusals';
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

@Catch(IntakeRefusalException)
export class IntakeRefusalFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  catch(exception: IntakeRefusalException, host: ArgumentsHost): void {
    this.problems.catch(problemOfRefusal(exception.refusal), host);
  }
}

/** The refusal as problem details: its type as `code`, its fields in `errors`, and what a client acts on. */
export function problemOfRefusal(refusal: IntakeRefusal): ProblemException {
  const extensions: Record<string, unknown> = {};
  const headers: Record<string, string> = {};
  switch (refusal.type) {
    case 'NikAlreadyRegistered':
    case 'NikRegistrationPending':
      // Absent when the caller may not learn who holds the NIK (outside their kelurahan).
      if (refusal.residentId) {
        extensions.existingResident = { residentId: refusal.residentId, url: `/residents/${refusal.residentId}` };
      }
      if (refusal.type === 'NikRegistrationPending') headers['Retry-After'] = String(refusal.retryAfterSeconds);
      break;
    case 'VersionConflict':
      extensions.currentVersion = refusal.currentVersion;
      if (refusal.currentVersion !== null) headers.ETag = etagOf(refusal.currentVersion);
      break;
    default:
      break;
  }
  return new ProblemException({
    status: REFUSAL_STATUS[refusal.type],
    code: refusal.type,
    detail: messageNamingFields(refusal),
    errors: refusal.problems,
    extensions,
    headers,
  });
}

/** The message, followed by the fields it concerns when it does not name them itself. */
function messageNamingFields(refusal: IntakeRefusal): string {
  const unnamed = refusal.problems.filter((problem) => !refusal.message.includes(problem.field));
  if (unnamed.length === 0) return refusal.message;
  return `${refusal.message} (${describeProblems(unnamed)})`;
}
