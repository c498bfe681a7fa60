import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

import { PARTNER_EVENT_TYPES } from '../domain/partner-agencies';

const INSTANT = { strict: true, strictSeparator: true } as const;
const INSTANT_MESSAGE = 'harus berupa waktu ISO-8601 dengan zona waktu, mis. 2026-01-31T17:00:00+07:00';

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ description: 'Where deliveries are POSTed (https).', example: 'https://sipd.dispendik.pasuruankota.go.id/lastri/webhooks', maxLength: 2000 })
  @IsString({ message: 'harus berupa teks' })
  @MaxLength(2000, { message: 'paling panjang 2000 karakter' })
  @Matches(/^https?:\/\//, { message: 'harus berupa URL https' })
  endpointUrl!: string;

  @ApiProperty({ type: [String], enum: PARTNER_EVENT_TYPES, description: 'The referral event types the endpoint receives.' })
  @IsArray({ message: 'harus berupa daftar' })
  @ArrayMinSize(1, { message: 'paling sedikit satu jenis peristiwa' })
  @ArrayMaxSize(PARTNER_EVENT_TYPES.length, { message: 'terlalu banyak jenis peristiwa' })
  @IsIn(PARTNER_EVENT_TYPES, { each: true, message: `harus salah satu dari: ${PARTNER_EVENT_TYPES.join(', ')}` })
  eventTypes!: string[];
}

export class RotateWebhookSecretDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 168, default: 24, description: 'How many hours the older secrets keep signing beside the new one.' })
  @IsOptional()
  @IsInt({ message: 'harus bilangan bulat (jam)' })
  @Min(0, { message: 'paling sedikit 0 jam' })
  @Max(168, { message: 'paling lama 168 jam (7 hari)' })
  graceHours?: number;
}

export class ReplayDto {
  @ApiProperty({ type: 'string', format: 'date-time', description: 'Events that happened from this instant (inclusive).' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'harus menyebut zona waktu (Z atau +07:00)' })
  from!: string;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'Until this instant (exclusive); default now.' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'harus menyebut zona waktu (Z atau +07:00)' })
  to?: string;
}

export class DeliveriesQueryDto {
  @ApiPropertyOptional({ enum: ['PENDING', 'DELIVERED', 'DEAD', 'RETRIED', 'pending', 'delivered', 'dead', 'retried'] })
  @IsOptional()
  @IsIn(['PENDING', 'DELIVERED', 'DEAD', 'RETRIED', 'pending', 'delivered', 'dead', 'retried'], { message: 'harus pending, delivered, dead atau retried' })
  status?: string;
}
