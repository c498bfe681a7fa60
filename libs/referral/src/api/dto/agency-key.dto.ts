import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import {
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

import { MAX_GRACE_HOURS } from '../../application/agency-keys/rotate-api-key.handler';

export class IssueApiKeyDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    description: 'When the key stops working by itself. Default: never (until revoked or rotated).',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true, strictSeparator: true },
    { message: 'harus berupa waktu ISO-8601 dengan zona waktu, mis. 2026-01-31T17:00:00+07:00' },
  )
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'harus menyebut zona waktu (Z atau +07:00)' })
  expiresAt?: string;
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_GRACE_HOURS,
    default: 24,
    description: 'How many hours the old key keeps working beside the new one; 0 ends it at once.',
  })
  @IsOptional()
  @IsInt({ message: 'harus bilangan bulat (jam)' })
  @Min(0, { message: 'paling sedikit 0 jam' })
  @Max(MAX_GRACE_HOURS, { message: `paling lama ${MAX_GRACE_HOURS} jam (7 hari)` })
  graceHours?: number;
}

export class RevokeApiKeyDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    pattern: '\\S',
    description: 'Why the key is revoked; kept in the history.',
  })
  @IsString({ message: 'harus berupa teks' })
  @Matches(/\S/, { message: 'wajib diisi, tidak boleh kosong' })
  @MaxLength(500, { message: 'paling banyak 500 karakter' })
  reason!: string;
}
