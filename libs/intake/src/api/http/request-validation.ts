/**
 * A bad request answers 400 with every offending field named the way the client spelled it
 * (`address.kelurahanCode`, `householdMembers[1].nik`), in the same shape as the domain's
 * refusals, so a client reads one kind of error whatever layer found it.
 */
import { BadRequestException, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';

import type { Problem } from '../../application/shared/refusals';

export function badRequest(problems: Problem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    code: 'InvalidRequest',
    message: `Permintaan tidak valid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`,
    errors: problems,
  });
}

/** whitelist + forbidNonWhitelisted: an unknown field is an error, never silently dropped. */
export const requestValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  // "12" is not 12: a client sending the wrong type should hear so, not be guessed at.
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => badRequest(errors.flatMap((error) => problemsOf(error, ''))),
});

const UNKNOWN_FIELD = 'whitelistValidation';

function problemsOf(error: ValidationError, parent: string): Problem[] {
  const field = /^\d+$/.test(error.property)
    ? `${parent}[${error.property}]`
    : parent
      ? `${parent}.${error.property}`
      : error.property || '(body)';
  const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
    field,
    rule,
    message: rule === UNKNOWN_FIELD ? 'field ini tidak dikenal' : rule === 'unknownValue' ? 'isi permintaan harus berupa objek JSON' : message,
  }));
  // A field with several broken constraints reports the first: "wajib diisi" says it all.
  return [...own.slice(0, 1), ...(error.children ?? []).flatMap((child) => problemsOf(child, field))];
}

/** A path parameter that must be a UUID, named in the error. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => badRequest([{ field: name, rule: 'isUuid', message: 'harus berupa UUID' }]),
  });
}
