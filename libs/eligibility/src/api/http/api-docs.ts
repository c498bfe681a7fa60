/** What eligibility's routes share in the OpenAPI document, and what each adds. */
import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiParam,
  ApiResponse,
  ApiTags,
  type ApiResponseSchemaHost,
} from '@nestjs/swagger';
import { ApiProblemResponses, BODY_PROBLEMS, HOST_PROBLEMS, openApiSchemaOfEvent } from '@lastri/service-host';

type Schema = ApiResponseSchemaHost['schema'];

/**
 * Lower case: the name a command's `@Headers('x-correlation-id')` parameter documents as required;
 * restated on the command, this entry replaces it, since the header is optional.
 */
const CORRELATION_HEADER = ApiHeader({
  name: 'x-correlation-id',
  required: false,
  description: 'Carried into every event this request causes; echoed back. Default: a new id.',
});

const text: Schema = { type: 'string' };
const uuid: Schema = { type: 'string', format: 'uuid' };
const objects: Schema = { type: 'array', items: { type: 'object' } };

/** Bodies whose members are not fixed by a contract (reports that grow with the rules). */
export const AN_OBJECT: Schema = { type: 'object' };

/** Answers that are an event's data as recorded: the contract is their schema. */
export const DETERMINATION: Schema = openApiSchemaOfEvent('EligibilityDetermined', 1) as Schema;
const OVERRIDE: Schema = openApiSchemaOfEvent('EligibilityOverridden', 1) as Schema;
const DECISION: Schema = openApiSchemaOfEvent('ManualReviewDecided', 1) as Schema;

export const CASE_ELIGIBILITY: Schema = {
  type: 'object',
  required: ['caseId', 'currentDeterminationId', 'programmes', 'determinations', 'reviews', 'overrides'],
  properties: {
    caseId: uuid,
    currentDeterminationId: uuid,
    programmes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['programme', 'status', 'ruleOutcome', 'ruleSet'],
        properties: { programme: text, status: text, decidedBy: text, ruleOutcome: text, ruleSet: { type: 'object' }, openReviewId: uuid, decision: { type: 'object' } },
      },
    },
    determinations: { type: 'array', items: DETERMINATION },
    reviews: objects,
    overrides: { type: 'array', items: OVERRIDE },
  },
};

export const RESIDENT_ELIGIBILITY: Schema = {
  type: 'object',
  required: ['residentId', 'cases'],
  properties: { residentId: uuid, cases: objects },
};

export const OPEN_REVIEWS: Schema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['residentId', 'caseId', 'reviewId', 'raisedAt', 'programmes', 'reasons'],
    properties: {
      residentId: uuid,
      caseId: uuid,
      reviewId: uuid,
      raisedAt: text,
      programmes: { type: 'array', items: text },
      reasons: { type: 'array' },
    },
  },
};

export const RULE_SETS: Schema = {
  type: 'array',
  items: {
    type: 'object',
    required: [
      'id',
      'version',
      'programme',
      'name',
      'effectiveFrom',
      'contentHash',
      'inForceToday',
    ],
    properties: {
      id: text,
      version: text,
      programme: text,
      name: text,
      effectiveFrom: text,
      source: {},
      contentHash: text,
      inForceToday: { type: 'boolean' },
    },
  },
};

export const VERSION_CHANGES: Schema = {
  type: 'object',
  required: ['ruleSetId', 'version', 'cases'],
  properties: { ruleSetId: text, version: text, cases: objects },
};

export const STORED_OVERRIDE: Schema = {
  type: 'object',
  required: ['eventId', 'override'],
  properties: { eventId: uuid, override: OVERRIDE },
};
export const STORED_DECISION: Schema = {
  type: 'object',
  required: ['eventId', 'decision'],
  properties: { eventId: uuid, decision: DECISION },
};

export function EligibilityRoute(): ClassDecorator {
  return applyDecorators(
    ApiTags('eligibility'),
    ApiBearerAuth(),
    ApiProblemResponses(...HOST_PROBLEMS, 403),
  );
}

/** A route naming things by UUID: an unknown one is 404. */
export function ByIds(...ids: string[]): MethodDecorator {
  return applyDecorators(
    ...ids.map((name) => ApiParam({ name, schema: { type: 'string', format: 'uuid' } })),
    ApiProblemResponses(404),
  );
}

/** A supervisor's command: a JSON body; the current state (409) or a rule (422) may refuse it. */
export function EligibilityCommand(): MethodDecorator {
  return applyDecorators(CORRELATION_HEADER, ApiProblemResponses(...BODY_PROBLEMS, 409, 422));
}

export function Answers(status: 200 | 201, description: string, schema: Schema): MethodDecorator {
  return ApiResponse({ status, description, schema });
}
