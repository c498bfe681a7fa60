import { type ArgumentMetadata } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';

import { ProblemException } from './http/problem';
import { badRequest, requestValidationPipe, uuidParam } from './request-validation';

class MemberDto {
  @IsString()
  @IsNotEmpty()
  name!: string;
}

class HouseholdDto {
  @IsInt()
  income!: number;

  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members!: MemberDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => MemberDto)
  head?: MemberDto;

  @IsOptional()
  @IsString()
  note?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  phone?: string | null;
}

const body: ArgumentMetadata = { type: 'body', metatype: HouseholdDto };

/** The 400's body, or a failure when the pipe let the value through. */
async function refusal(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ProblemException) return error.getResponse() as Record<string, unknown>;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('requestValidationPipe', () => {
  it('hands a valid body over as the DTO', async () => {
    const value = await requestValidationPipe().transform({ income: 1850000, members: [{ name: 'Ahmad' }] }, body);
    expect(value).toBeInstanceOf(HouseholdDto);
    expect(value).toEqual({ income: 1850000, members: [{ name: 'Ahmad' }] });
  });

  it('names each field at fault as the client spelled it, unknown fields included', async () => {
    const response = await refusal(() =>
      requestValidationPipe().transform({ income: '12', members: [{ name: 'Ahmad' }, { name: 7 }], extra: 1 }, body),
    );
    expect(response).toEqual({
      type: 'urn:lastri:problem:invalid-request',
      title: 'Permintaan tidak valid',
      status: 400,
      code: 'InvalidRequest',
      detail:
        'Permintaan tidak valid: extra: field ini tidak dikenal; income: income must be an integer number; members[1].name: name must be a string.',
      errors: [
        { field: 'extra', rule: 'whitelistValidation', message: 'field ini tidak dikenal' },
        { field: 'income', rule: 'isInt', message: 'income must be an integer number' },
        { field: 'members[1].name', rule: 'isString', message: 'name must be a string' },
      ],
    });
  });

  it('reports one broken rule per field', async () => {
    const response = await refusal(() => requestValidationPipe().transform({ income: 1, members: [{}] }, body));
    expect((response.errors as { field: string }[]).map((problem) => problem.field)).toEqual(['members[0].name']);
  });

  it('refuses null on an optional field, object or scalar, naming it', async () => {
    const response = await refusal(() =>
      requestValidationPipe().transform({ income: 1, members: [{ name: 'Ahmad' }, null], head: null, note: null }, body),
    );
    expect(response.errors).toEqual([
      { field: 'members[1]', rule: 'notNull', message: 'tidak boleh null; hilangkan field ini bila tidak diisi' },
      { field: 'head', rule: 'notNull', message: 'tidak boleh null; hilangkan field ini bila tidak diisi' },
      { field: 'note', rule: 'notNull', message: 'tidak boleh null; hilangkan field ini bila tidak diisi' },
    ]);
  });

  it('accepts null where the DTO documents the field as nullable', async () => {
    const value = await requestValidationPipe().transform({ income: 1, members: [], phone: null }, body);
    expect(value).toMatchObject({ phone: null });
  });

  it('refuses a body that is not a JSON object', async () => {
    const response = await refusal(() => requestValidationPipe().transform([1], body));
    expect(response.errors).toContainEqual({ field: '[0]', rule: 'whitelistValidation', message: 'field ini tidak dikenal' });
  });
});

describe('uuidParam', () => {
  it('passes a UUID and names the parameter when it is not one', async () => {
    const id = '0b0f4cbe-0f7e-4c3e-9d57-5a2a4ad0c1aa';
    expect(await uuidParam('caseId').transform(id, { type: 'param' })).toBe(id);
    expect(await refusal(() => uuidParam('caseId').transform('nope', { type: 'param' }))).toMatchObject({
      code: 'InvalidRequest',
      errors: [{ field: 'caseId', rule: 'isUuid', message: 'harus berupa UUID' }],
    });
  });
});

describe('badRequest', () => {
  it('answers in the shape the domains refuse in', () => {
    expect(badRequest([{ field: 'nik', rule: 'nik', message: 'harus terdiri dari 16 angka' }]).getResponse()).toEqual({
      type: 'urn:lastri:problem:invalid-request',
      title: 'Permintaan tidak valid',
      status: 400,
      code: 'InvalidRequest',
      detail: 'Permintaan tidak valid: nik: harus terdiri dari 16 angka.',
      errors: [{ field: 'nik', rule: 'nik', message: 'harus terdiri dari 16 angka' }],
    });
  });
});
