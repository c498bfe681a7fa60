/**
 * The module's own validation: every body is checked here whatever pipes the host sets, unknown
 * fields are refused, and a 400 names each field at fault the way the client spelled it
 * (`programmes[0].programme`), in the shape intake's API uses, so nothing is appended.
 */
import { BadRequestException, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

const UNKNOWN_FIELD = 'whitelistValidation';

export function badRequest(problems: readonly FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    code: 'InvalidRequest',
    message: `Permintaan tidak valid: ${problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}.`,
    errors: problems,
  });
}

export function eligibilityValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // "true" is not true: a client sending the wrong type should hear so, not be guessed at.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badRequest(errors.flatMap((error) => problemsOf(error, ''))),
  });
}

/** A path parameter that must be a UUID; the 400 names it. */
export function uuidPipe(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => badRequest([{ field: name, rule: 'isUuid', message: 'harus berupa UUID' }]) });
}

function problemsOf(error: ValidationError, parent: string): FieldProblem[] {
  const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property || '(body)';
  const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
    field,
    rule,
    message: rule === UNKNOWN_FIELD ? 'field ini tidak dikenal' : rule === 'unknownValue' ? 'isi permintaan harus berupa objek JSON' : message,
  }));
  // A field with several broken constraints reports the first: it says enough.
  return [...own.slice(0, 1), ...(error.children ?? []).flatMap((child) => problemsOf(child, field))];
}
