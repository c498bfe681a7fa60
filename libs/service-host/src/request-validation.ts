/**
 * How every context's HTTP API checks a request: unknown fields are refused, nothing is coerced,
 * and a 400 names each field at fault the way the client spelled it (`address.kelurahanCode`,
 * `householdMembers[1].nik`), in the shape the domains' refusals use, so a client reads one kind
 * of error whatever layer or context found it.
 */
import { ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';

import { badRequest, type FieldProblem } from './http/problem';

export { badRequest, type FieldProblem } from './http/problem';

const UNKNOWN_FIELD = 'whitelistValidation';
/** Where @ApiProperty keeps a property's options (@nestjs/swagger's DECORATORS.API_MODEL_PROPERTIES, not exported). */
const API_PROPERTY = 'swagger/apiModelProperties';

/**
 * `null` is refused wherever the DTO does not document the property as nullable
 * (`@ApiProperty({ nullable: true })`), so the server and its OpenAPI document agree. Without
 * this, `@IsOptional()` lets null through to code that expects an object or a value.
 */
class RefusingNullsPipe extends ValidationPipe {
  protected override async validate(object: object, ...rest: Parameters<ValidationPipe['validate']> extends [unknown, ...infer R] ? R : never) {
    const nulls = nullFieldsOf(object, '');
    if (nulls.length > 0) throw badRequest(nulls);
    return super.validate(object, ...rest);
  }
}

/** whitelist + forbidNonWhitelisted: an unknown field is an error, never silently dropped. */
export function requestValidationPipe(): ValidationPipe {
  return new RefusingNullsPipe({
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

function nullFieldsOf(value: unknown, path: string): FieldProblem[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      item === null ? [nullProblem(`${path}[${index}]`)] : nullFieldsOf(item, `${path}[${index}]`),
    );
  }
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    const item = (value as Record<string, unknown>)[key];
    if (item === null) return isNullable(value, key) ? [] : [nullProblem(field)];
    return nullFieldsOf(item, field);
  });
}

function isNullable(owner: object, key: string): boolean {
  const documented = Reflect.getMetadata(API_PROPERTY, Object.getPrototypeOf(owner) as object, key) as
    | { nullable?: boolean }
    | undefined;
  return documented?.nullable === true;
}

function nullProblem(field: string): FieldProblem {
  return { field, rule: 'notNull', message: 'tidak boleh null; hilangkan field ini bila tidak diisi' };
}
