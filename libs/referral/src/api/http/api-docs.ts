/** What referral's routes share in the OpenAPI document, and the schemas of their answers. */
import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiParam, ApiResponse, ApiTags, type ApiResponseSchemaHost } from '@nestjs/swagger';
import { ApiProblemResponses, BODY_PROBLEMS, HOST_PROBLEMS } from '@lastri/service-host';

import { AGENCY_IDS } from '../../domain/agencies';
import { PROGRAMMES } from '../../domain/referral.events';
import { REFERRAL_STATUSES } from '../../domain/referral.state';

type Schema = ApiResponseSchemaHost['schema'];

const CORRELATION_HEADER = ApiHeader({
  name: 'x-correlation-id',
  required: false,
  description: 'Carried into every event this request causes; echoed back. Default: a new id.',
});

const text: Schema = { type: 'string' };
const uuid: Schema = { type: 'string', format: 'uuid' };
const instant: Schema = { type: 'string', format: 'date-time' };
const status: Schema = { type: 'string', enum: [...REFERRAL_STATUSES] };
const programme: Schema = { type: 'string', enum: [...PROGRAMMES] };
const agencyId: Schema = { type: 'string', enum: [...AGENCY_IDS] };
const fhir: Schema = {
  type: 'object',
  required: ['status', 'businessStatus'],
  description: 'The status as FHIR R4 Task.status, with LASTRI’s own word as businessStatus.',
  properties: {
    status: { type: 'string', enum: ['requested', 'received', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled'] },
    businessStatus: text,
  },
};
const escalation: Schema = {
  type: 'object',
  required: ['deadline', 'dueAt', 'escalatedAt'],
  properties: { deadline: { type: 'string', enum: ['ACKNOWLEDGE', 'DECIDE'] }, dueAt: instant, escalatedAt: instant },
};

export const REFERRAL_VIEW: Schema = {
  type: 'object',
  required: [
    'referralId', 'residentId', 'caseId', 'kelurahanCode', 'programme', 'agencyId', 'agencyName', 'needCategory', 'priority', 'status', 'fhir',
    'determinationId', 'cause', 'routingTableVersion', 'createdAt', 'updatedAt', 'acknowledgeDueAt', 'decideDueAt', 'escalations',
  ],
  properties: {
    referralId: uuid,
    residentId: uuid,
    caseId: uuid,
    kelurahanCode: text,
    programme,
    agencyId,
    agencyName: text,
    needCategory: text,
    priority: text,
    status,
    fhir,
    determinationId: uuid,
    cause: { type: 'object', required: ['kind', 'eventId'], properties: { kind: text, eventId: uuid } },
    routingTableVersion: text,
    createdAt: instant,
    updatedAt: text,
    acknowledgeDueAt: instant,
    decideDueAt: instant,
    acknowledgedAt: instant,
    decidedAt: instant,
    declineReason: { type: 'object', required: ['code', 'reason'], properties: { code: text, reason: text } },
    outcome: text,
    reroutedFrom: uuid,
    reroutedTo: uuid,
    escalations: { type: 'array', items: escalation },
  },
};
export const REFERRAL_VIEWS: Schema = { type: 'array', items: REFERRAL_VIEW };

export const AGENCY_REFERRAL_VIEW: Schema = {
  type: 'object',
  required: ['referralId', 'programme', 'needCategory', 'priority', 'status', 'fhir', 'createdAt', 'acknowledgeDueAt', 'decideDueAt', 'resident'],
  properties: {
    referralId: uuid,
    programme,
    needCategory: text,
    priority: text,
    status,
    fhir,
    createdAt: instant,
    acknowledgeDueAt: instant,
    decideDueAt: instant,
    resident: {
      type: 'object',
      nullable: true,
      description: 'Only what the programme needs: the name, the NIK masked to its first 6 and last 4 digits, and how to reach the resident.',
      required: ['name', 'nikMasked', 'address'],
      properties: {
        name: text,
        nikMasked: { type: 'string', pattern: '^[0-9]{6}\\*{6}[0-9]{4}$' },
        phone: text,
        address: {
          type: 'object',
          required: ['street', 'rt', 'rw', 'kelurahanCode'],
          properties: { street: text, rt: text, rw: text, kelurahanCode: text },
        },
      },
    },
  },
};
export const AGENCY_REFERRAL_VIEWS: Schema = { type: 'array', items: AGENCY_REFERRAL_VIEW };

export const ESCALATIONS: Schema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['referralId', 'residentId', 'caseId', 'kelurahanCode', 'programme', 'agencyId', 'agencyName', 'status', 'deadline', 'dueAt', 'escalatedAt'],
    properties: {
      referralId: uuid,
      residentId: uuid,
      caseId: uuid,
      kelurahanCode: text,
      programme,
      agencyId,
      agencyName: text,
      status,
      deadline: { type: 'string', enum: ['ACKNOWLEDGE', 'DECIDE'] },
      dueAt: instant,
      escalatedAt: instant,
    },
  },
};

export const STORED_EVENT: Schema = {
  type: 'object',
  required: ['eventId', 'type', 'data'],
  description: 'The event the step recorded, as stored.',
  properties: { eventId: uuid, type: text, data: { type: 'object' } },
};

export function ReferralRoute(tag: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), ApiProblemResponses(...HOST_PROBLEMS, 403));
}

/**
 * The agency's routes. They also take the agency's API key (`Authorization: ApiKey <key>` or
 * `X-Api-Key`); the document names a security scheme only once the host declares one.
 */
export function AgencyRoute(): ClassDecorator {
  return ReferralRoute('referral (agency)');
}

/** A route naming a referral by UUID: an unknown one, or another agency's, is 404. */
export function ByReferralId(): MethodDecorator {
  return applyDecorators(ApiParam({ name: 'referralId', schema: { type: 'string', format: 'uuid' } }), ApiProblemResponses(404));
}

/** A step on a referral: a JSON body; the referral's state (409) or a rule (422) may refuse it. */
export function ReferralStep(): MethodDecorator {
  return applyDecorators(CORRELATION_HEADER, ApiProblemResponses(...BODY_PROBLEMS, 409, 422));
}

export function Answers(code: 200 | 201, description: string, schema: Schema): MethodDecorator {
  return ApiResponse({ status: code, description, schema });
}
