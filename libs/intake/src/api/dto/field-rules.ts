/**
 * Request field rules in one vocabulary: each decorator validates (class-validator, messages in
 * Bahasa Indonesia), documents (OpenAPI) and, for text, trims. The shape of a request is checked
 * here; what it means (a NIK that matches the birth date, a kelurahan of the city) is the decider's.
 */
import { KELURAHAN_CODE_PATTERN } from '@lastri/kernel';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  registerDecorator,
} from 'class-validator';

interface Doc {
  description?: string;
  example?: unknown;
  optional?: boolean;
  /** `null` is a value of its own (remove a phone number, no desil). */
  nullable?: boolean;
  /** Required unless this other property is given (a member by NIK, or by name). */
  requiredUnless?: string;
}

const REQUIRED = { message: 'wajib diisi' };

function presence(doc: Doc): PropertyDecorator[] {
  const other = doc.requiredUnless;
  if (other !== undefined) {
    return [ValidateIf((object, value) => value !== undefined || (object as Record<string, unknown>)[other] === undefined), IsDefined(REQUIRED)];
  }
  if (doc.optional && doc.nullable) return [ValidateIf((_object, value) => value !== undefined && value !== null)];
  if (doc.optional) return [IsOptional()];
  if (doc.nullable) return [IsDefined(REQUIRED), ValidateIf((_object, value) => value !== null)];
  return [IsDefined(REQUIRED)];
}

function documented(doc: Doc, schema: Record<string, unknown>): PropertyDecorator {
  const options = {
    ...schema,
    ...(doc.description && { description: doc.description }),
    ...(doc.example !== undefined && { example: doc.example }),
    ...(doc.nullable && { nullable: true }),
  };
  return doc.optional || doc.requiredUnless ? ApiPropertyOptional(options) : ApiProperty({ ...options, required: true });
}

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** No C0 or C1 control character nor DEL (Unicode Cc): invisible in a record, they can hide or break what a caseworker reads. */
const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;

/** The largest household income per month we accept, in rupiah: well above any real one, far below 2^53. */
export const MAX_INCOME_PER_MONTH = 1_000_000_000;

export function Text(maxLength: number, doc: Doc = {}): PropertyDecorator {
  return applyDecorators(
    trim,
    ...presence(doc),
    IsString({ message: 'harus berupa teks' }),
    IsNotEmpty({ message: 'tidak boleh kosong' }),
    MaxLength(maxLength, { message: `paling banyak ${maxLength} karakter` }),
    Matches(NO_CONTROL_CHARACTERS, { message: 'tidak boleh berisi karakter kontrol' }),
    documented(doc, { type: String, minLength: 1, maxLength }),
  );
}

/** Refuses the property when `other` is given too: a choice of one of two, not both. */
export function NotTogetherWith(other: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notTogetherWith',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `isi ${String(propertyName)} atau ${other}, tidak keduanya` },
      validator: { validate: (value: unknown, args) => value === undefined || (args?.object as Record<string, unknown>)[other] === undefined },
    });
}

export function Pattern(pattern: RegExp, what: string, doc: Doc = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsString({ message: 'harus berupa teks' }),
    Matches(pattern, { message: `harus ${what}` }),
    documented(doc, { type: String, pattern: pattern.source }),
  );
}

export const DIGITS_16 = /^[0-9]{16}$/;
export const THREE_DIGITS = /^[0-9]{3}$/;
export const KELURAHAN_CODE = KELURAHAN_CODE_PATTERN;
export const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
export const ISO_INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/;
export const PHONE_E164_ID = /^\+62[0-9]{8,13}$/;

export const DateOnly = (doc: Doc = {}) => Pattern(ISO_DATE, 'tanggal berformat YYYY-MM-DD', { example: '1985-03-12', ...doc });
export const Instant = (doc: Doc = {}) =>
  Pattern(ISO_INSTANT, 'waktu ISO 8601 dengan zona waktu, mis. 2025-11-10T09:00:00+07:00', {
    example: '2025-11-10T09:00:00+07:00',
    ...doc,
  });

export function Email(doc: Doc = {}): PropertyDecorator {
  return applyDecorators(
    trim,
    ...presence(doc),
    IsString({ message: 'harus berupa teks' }),
    MaxLength(254, { message: 'paling banyak 254 karakter' }),
    IsEmail({}, { message: 'harus alamat email yang valid' }),
    documented(doc, { type: String, format: 'email', maxLength: 254 }),
  );
}

export function OneOf(values: readonly string[], doc: Doc = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsIn([...values], { message: `harus salah satu dari: ${values.join(', ')}` }),
    documented(doc, { enum: [...values] }),
  );
}

export function ListOf(values: readonly string[], doc: Doc & { minItems?: number } = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsArray({ message: 'harus berupa daftar' }),
    ...(doc.minItems ? [ArrayMinSize(doc.minItems, { message: `paling sedikit ${doc.minItems} isian` })] : []),
    ArrayUnique(undefined, { message: 'tidak boleh ada isian ganda' }),
    IsIn([...values], { each: true, message: `setiap isian harus salah satu dari: ${values.join(', ')}` }),
    documented(doc, { enum: [...values], isArray: true }),
  );
}

export function WholeNumber(min: number, max: number | undefined, doc: Doc = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsInt({ message: 'harus bilangan bulat' }),
    Min(min, { message: `paling kecil ${min}` }),
    ...(max === undefined ? [] : [Max(max, { message: `paling besar ${max}` })]),
    documented(doc, { type: 'integer', minimum: min, ...(max !== undefined && { maximum: max }) }),
  );
}

export function YesNo(doc: Doc = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsBoolean({ message: 'harus true atau false' }),
    documented(doc, { type: Boolean }),
  );
}

/** One nested object. `type` is a thunk: swc emits metadata eagerly, classes may be declared later. */
export function Nested(type: () => new () => object, doc: Doc = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsObject({ message: 'harus berupa objek' }),
    ValidateNested(),
    Type(type),
    // Written as `type: () => …` so that Swagger recognises a lazy type (it goes by the function's name).
    documented(doc, { type: () => type() }),
  );
}

export function NestedList(
  type: () => new () => object,
  doc: Doc & { minItems?: number; maxItems: number },
): PropertyDecorator {
  return applyDecorators(
    ...presence(doc),
    IsArray({ message: 'harus berupa daftar' }),
    ...(doc.minItems ? [ArrayMinSize(doc.minItems, { message: `paling sedikit ${doc.minItems} isian` })] : []),
    ArrayMaxSize(doc.maxItems, { message: `paling banyak ${doc.maxItems} isian` }),
    ValidateNested({ each: true }),
    Type(type),
    documented(doc, { type: () => type(), isArray: true }),
  );
}
