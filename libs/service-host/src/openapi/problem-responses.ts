/**
 * How every context's OpenAPI document describes its error answers: the RFC 9457 problem body
 * the host's ProblemDetailsFilter writes (`application/problem+json`), one schema for all, and
 * one decorator that lists the statuses an operation can answer with it.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';

import { PROBLEM_CONTENT_TYPE } from '../http/problem';

export class FieldProblemSchema {
  @ApiProperty({
    description:
      'The field as the client spelled it: `address.kelurahanCode`, `householdMembers[1].nik`, a header name.',
    example: 'nik',
  })
  field!: string;

  @ApiProperty({ description: 'The rule the value breaks, for programs.', example: 'matches' })
  rule!: string;

  @ApiProperty({ description: 'What is wrong, in Bahasa Indonesia.', example: 'harus 16 angka' })
  message!: string;
}

export class ProblemDetailsSchema {
  @ApiProperty({
    description: '`urn:lastri:problem:<code in kebab case>`: stable, not a web page.',
    example: 'urn:lastri:problem:invalid-request',
  })
  type!: string;

  @ApiProperty({
    description: 'The status in words (Bahasa Indonesia).',
    example: 'Permintaan tidak valid',
  })
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status!: number;

  @ApiProperty({ description: 'What happened to this request, in Bahasa Indonesia.' })
  detail!: string;

  @ApiProperty({
    description:
      'Machine name of the problem (`InvalidRequest`, `NikAlreadyRegistered`…); clients branch on it.',
    example: 'InvalidRequest',
  })
  code!: string;

  @ApiProperty({
    type: [FieldProblemSchema],
    description: 'Each field at fault; empty when the problem is not about fields.',
  })
  errors!: FieldProblemSchema[];
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

const MEANING: Record<ProblemStatus, string> = {
  400: 'Malformed request (unreadable JSON, a field or header breaking its rule, null where none is accepted): `errors` names each field.',
  401: 'No valid bearer token.',
  403: 'The role, or the kelurahan for a caseworker, does not allow this.',
  404: 'Nothing with this id, or no such route.',
  409: 'Conflicts with the current state (already done, stale If-Match, NIK already registered).',
  413: 'The body is larger than the host accepts.',
  415: 'The body is not JSON (Content-Type: application/json).',
  422: 'Well-formed, but a domain rule refuses it: `errors` says which.',
  429: 'Too many requests from this client; Retry-After says when to try again.',
};

/** The answers the host gives to any request, whatever the route. */
export const HOST_PROBLEMS: readonly ProblemStatus[] = [400, 401, 429];
/** What the host adds for a request with a body. */
export const BODY_PROBLEMS: readonly ProblemStatus[] = [413, 415];

/** Documents each status as a problem-details answer. */
export function ApiProblemResponses(
  ...statuses: ProblemStatus[]
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsSchema, FieldProblemSchema),
    ...[...new Set(statuses)].map((status) =>
      ApiResponse({
        status,
        description: MEANING[status],
        content: {
          [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } },
        },
      }),
    ),
  );
}
