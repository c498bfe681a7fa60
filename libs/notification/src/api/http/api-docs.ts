/** What notification's routes share in the OpenAPI document, and the schemas of their answers. */
import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiParam, ApiResponse, ApiTags, type ApiResponseSchemaHost } from '@nestjs/swagger';
import { ApiProblemResponses, HOST_PROBLEMS } from '@lastri/service-host';

import { CHANNEL_PREFERENCES, CHANNELS } from '../../domain/notification.events';
import { NOTIFICATION_STATUSES } from '../../domain/notification.state';

type Schema = ApiResponseSchemaHost['schema'];

const text: Schema = { type: 'string' };
const uuid: Schema = { type: 'string', format: 'uuid' };
const instant: Schema = { type: 'string', format: 'date-time' };
const channel: Schema = { type: 'string', enum: [...CHANNELS] };
const preference: Schema = { type: 'string', enum: [...CHANNEL_PREFERENCES] };

export const NOTIFICATION_VIEW: Schema = {
  type: 'object',
  required: ['notificationId', 'template', 'sourceEventType', 'sourceEventId', 'status', 'createdAt', 'attempts'],
  properties: {
    notificationId: uuid,
    template: { type: 'string', description: 'The moment, e.g. case-received, eligibility-outcome.' },
    sourceEventType: text,
    sourceEventId: uuid,
    status: { type: 'string', enum: [...NOTIFICATION_STATUSES] },
    createdAt: instant,
    attempts: { type: 'integer', minimum: 0 },
    channel,
    recipient: { type: 'object', required: ['name'], properties: { name: text, email: text, phone: text } },
    subject: text,
    text: { type: 'string', description: 'The message as sent.' },
    nextAttemptAt: instant,
    sentAt: instant,
    lastError: { type: 'object', required: ['code'], properties: { code: text, message: text } },
    skipReason: { type: 'string', enum: ['NO_CONSENT', 'NO_CONTACT', 'PREFERENCE_NONE', 'CHANNEL_UNAVAILABLE', 'RESIDENT_UNKNOWN'] },
    skipDetail: text,
  },
};

export const RESIDENT_NOTIFICATIONS: Schema = {
  type: 'object',
  required: ['residentId', 'preference', 'notifications'],
  properties: {
    residentId: uuid,
    preference: { ...preference, nullable: true, description: 'Null when none was recorded: e-mail if intake holds an address, else SMS.' },
    notifications: { type: 'array', items: NOTIFICATION_VIEW },
  },
};

export const PREFERENCE_VIEW: Schema = {
  type: 'object',
  required: ['residentId', 'channel', 'changed'],
  properties: { residentId: uuid, channel: preference, changed: { type: 'boolean', description: 'False when it already was this one.' } },
};

export const CORRELATION_HEADER = ApiHeader({
  name: 'x-correlation-id',
  required: false,
  description: 'Carried into the event this request causes; echoed back. Default: a new id.',
});

export function NotificationRoute(): ClassDecorator {
  return applyDecorators(ApiTags('notification'), ApiBearerAuth(), ApiProblemResponses(...HOST_PROBLEMS, 403));
}

/** A route naming a resident by UUID: an unknown one, or one outside the caseworker's kelurahan, is 404. */
export function ByResidentId(): MethodDecorator {
  return applyDecorators(ApiParam({ name: 'residentId', schema: { type: 'string', format: 'uuid' } }), ApiProblemResponses(404));
}

export function Answers(code: 200, description: string, schema: Schema): MethodDecorator {
  return ApiResponse({ status: code, description, schema });
}
