import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiParam,
  ApiResponse,
  type ApiResponseSchemaHost,
} from '@nestjs/swagger';
import { ApiProblemResponses, BODY_PROBLEMS, HOST_PROBLEMS } from '@lastri/service-host';

import type { Role } from '@lastri/auth';

/** Who may write residents and cases; auditors read (docs/architecture.md, Who uses it). */
export const WRITERS: [Role, ...Role[]] = ['caseworker', 'supervisor', 'admin'];
export const READERS: [Role, ...Role[]] = ['caseworker', 'supervisor', 'admin', 'auditor'];

/** What every intake route shares in the OpenAPI document. */
export function IntakeRoute(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'Carried into every event this request causes; echoed back. Default: a new id.',
    }),
    ApiProblemResponses(...HOST_PROBLEMS, 403),
  );
}

/** A route reading or acting on something that exists: its ids are UUIDs, and an unknown one is 404. */
export function OnExisting(...ids: string[]): MethodDecorator {
  return applyDecorators(
    ...ids.map((name) => ApiParam({ name, schema: { type: 'string', format: 'uuid' } })),
    ApiProblemResponses(404),
  );
}

/** A command: a JSON body, and domain rules that may refuse it (422). */
export function IntakeCommand(...more: 409[]): MethodDecorator {
  return applyDecorators(ApiProblemResponses(...BODY_PROBLEMS, 422, ...more));
}

/** The success answer and its body. */
export function Answers(
  status: 200 | 201,
  description: string,
  schema: ApiResponseSchemaHost['schema'],
): MethodDecorator {
  return ApiResponse({ status, description, schema });
}

/** Commands on an existing resident or case: optimistic concurrency through If-Match. */
export function VersionedCommand(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The ETag last read (the resident stream version). A stale one is answered 409; without it the command applies to the current version.',
    }),
    ApiProblemResponses(409),
  );
}
