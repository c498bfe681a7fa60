/**
 * The success bodies of intake's routes in the OpenAPI document (resident.view.ts, case.view.ts).
 * A property is `required` only where the view always writes it; objects stay open
 * (`additionalProperties` unset) where they carry event data whose contract lives in contracts/.
 */
import type { ApiResponseSchemaHost } from '@nestjs/swagger';

type SchemaObject = ApiResponseSchemaHost['schema'];

const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const text: SchemaObject = { type: 'string' };
const instant: SchemaObject = { type: 'string', description: 'ISO 8601 with a time zone.' };
const date: SchemaObject = { type: 'string', description: 'YYYY-MM-DD.' };
const version: SchemaObject = {
  type: 'integer',
  minimum: 0,
  description: 'The resident stream version: the ETag for If-Match.',
};
const object: SchemaObject = { type: 'object' };

const staffMember: SchemaObject = {
  type: 'object',
  required: ['userId', 'role'],
  properties: { userId: text, role: text },
};
const person: SchemaObject = {
  type: 'object',
  required: ['name', 'relation'],
  properties: { name: text, relation: text },
};

export const CONSENT_VIEW: SchemaObject = {
  type: 'object',
  required: [
    'consentId',
    'legalBasis',
    'purposes',
    'activePurposes',
    'givenAt',
    'recordedAt',
    'withdrawals',
  ],
  properties: {
    consentId: uuid,
    legalBasis: text,
    legalReference: text,
    purposes: { type: 'array', items: text },
    activePurposes: { type: 'array', items: text, description: 'Purposes not withdrawn.' },
    givenBy: person,
    method: text,
    givenAt: instant,
    recordedAt: instant,
    withdrawals: {
      type: 'array',
      items: {
        type: 'object',
        required: ['purposes', 'withdrawnAt', 'withdrawnBy'],
        properties: {
          purposes: { type: 'array', items: text },
          withdrawnAt: instant,
          withdrawnBy: person,
          reason: text,
        },
      },
    },
  },
};

export const RESIDENT_VIEW: SchemaObject = {
  type: 'object',
  required: [
    'residentId',
    'version',
    'nik',
    'noKk',
    'name',
    'birthDate',
    'sex',
    'householdRelation',
    'address',
    'household',
    'circumstances',
    'consents',
    'cases',
    'registeredAt',
    'registeredBy',
  ],
  properties: {
    residentId: uuid,
    version,
    nik: text,
    noKk: text,
    name: text,
    birthDate: date,
    sex: text,
    householdRelation: text,
    address: {
      type: 'object',
      required: ['street', 'rt', 'rw', 'kelurahanCode'],
      properties: {
        street: text,
        rt: text,
        rw: text,
        kelurahanCode: text,
        kecamatanCode: text,
        kelurahanName: text,
        kecamatanName: text,
      },
    },
    phone: text,
    email: text,
    household: {
      type: 'object',
      required: ['size', 'members'],
      properties: {
        size: { type: 'integer', minimum: 1 },
        members: { type: 'array', items: object },
      },
    },
    circumstances: object,
    consents: { type: 'array', items: CONSENT_VIEW },
    cases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['caseId', 'needCategory', 'status', 'priority', 'openedAt'],
        properties: {
          caseId: uuid,
          needCategory: text,
          status: text,
          priority: text,
          openedAt: instant,
        },
      },
    },
    registeredAt: instant,
    registeredBy: staffMember,
  },
};

export const CASE_VIEW: SchemaObject = {
  type: 'object',
  required: ['caseId', 'residentId', 'version', 'status', 'needCategory', 'openedAt', 'homeVisits'],
  properties: {
    caseId: uuid,
    residentId: uuid,
    version,
    status: text,
    needCategory: text,
    openedAt: instant,
    assessment: {
      type: 'object',
      description:
        'The latest assessment as AssessmentRecorded v2 records it (without caseId, with assessedAt): members with their NIK, the name and age taken from the KK, the elderly derived.',
    },
    homeVisits: { type: 'array', items: object },
    submittedAt: instant,
    withdrawnAt: instant,
    withdrawalReason: text,
    submission: {
      type: 'object',
      description: 'While the case is open: whether it can be submitted, and what is missing.',
      required: ['ready', 'missing'],
      properties: {
        ready: { type: 'boolean' },
        missing: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'rule', 'message'],
            properties: { field: text, rule: text, message: text },
          },
        },
      },
    },
  },
};
