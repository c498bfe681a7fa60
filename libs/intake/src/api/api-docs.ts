import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiHeader, ApiUnauthorizedResponse } from '@nestjs/swagger';

import type { Role } from '@lastri/auth';

/** Who may write residents and cases; auditors read (ARCHITECTURE.md, Who uses it). */
export const WRITERS: [Role, ...Role[]] = ['caseworker', 'supervisor', 'admin'];
export const READERS: [Role, ...Role[]] = ['caseworker', 'supervisor', 'admin', 'auditor'];

/** What every intake route shares in the OpenAPI document. */
export function IntakeRoute(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Carried into every event this request causes; echoed back. Default: a new id.' }),
    ApiBadRequestResponse({ description: 'Malformed request: `errors` names each field.' }),
    ApiUnauthorizedResponse({ description: 'No valid bearer token.' }),
    ApiForbiddenResponse({ description: 'The role, or the kelurahan for a caseworker, does not allow this.' }),
  );
}

/** Commands on an existing resident or case: optimistic concurrency through If-Match. */
export function VersionedCommand(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag last read (the resident stream version). A stale one is answered 409; without it the command applies to the current version.',
    }),
  );
}
