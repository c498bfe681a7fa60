/**
 * How every context's HTTP API checks a request: unknown fields are refused, nothing is coerced,
 * and a 400 names each field at fault the way the client spelled it (`address.kelurahanCode`,
 * `householdMembers[1].nik`), in the shape the domains' refusals use, so a client reads one kind
 * of error whatever layer or context found it.
 */
import { BadRequestException, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

const UNKNOWN_FIELD = 'whitelistValidation';

/** The 400 for these problems: `code: 'InvalidRequest'`, a sentence, and each problem in `errors`. */
export function badRequest(problems: readonly FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    code: 'InvalidRequest',
    message: `Permintaan tidak valid: ${problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}.`,
    errors: problems,
  });
}

/** whitelist + forbidNonWhitelisted: an unknown field is an error, never silently dropped. */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // "12" is not 12: a client sending the wrong type should hear so, not be guessed at.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badRequest(errors.flatMap((error) => problemsOf(error, ''))),
  });
}

/** A path parameter that must be a UUID; the 400 names it. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => badRequest([{ field: name, rule: 'isUuid', message: 'harus berupa UUID' }]),
  });
}

function problemsOf(error: ValidationError, parent: string): FieldProblem[] {
  const field = /^\d+$/.test(error.property)
    ? `${parent}[${error.property}]`
    : parent
      ? `${parent}.${error.property}`
      : error.property || '(body)';
  const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
    field,
    rule,
    message:
      rule === UNKNOWN_FIELD
        ? 'field ini tidak dikenal'
        : rule === 'unknownValue'
          ? 'isi permintaan harus berupa objek JSON'
          : message,
  }));
  // A field with several broken constraints reports the first: "wajib diisi" says it all.
  return [...own.slice(0, 1), ...(error.children ?? []).flatMap((child) => problemsOf(child, field))];
}
