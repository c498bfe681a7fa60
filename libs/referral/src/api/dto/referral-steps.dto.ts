/** Request bodies of the referral steps: shape only; whether the step is allowed is the decider's. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

import { AGENCY_IDS } from '../../domain/agencies';
import type { CloseReasonCode, CompletionOutcome, DeclineReasonCode } from '../../domain/referral.events';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../domain/referral.state';

const DECLINE_REASONS: readonly DeclineReasonCode[] = ['CAPACITY', 'CANNOT_REACH_RESIDENT', 'NOT_ELIGIBLE_ON_AGENCY_SIDE', 'DUPLICATE', 'OTHER'];
const CLOSE_REASONS: readonly CloseReasonCode[] = ['DECLINED_NOT_REROUTED', 'NO_LONGER_NEEDED', 'RESIDENT_UNREACHABLE', 'OTHER'];
const OUTCOMES: readonly CompletionOutcome[] = ['SERVICE_DELIVERED', 'PARTIALLY_DELIVERED', 'NOT_DELIVERED', 'RESIDENT_DROPPED_OUT'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const oneOf = (values: readonly string[]) => ({ message: `harus salah satu dari ${values.join(', ')}` });

/** A reason someone writes: required, not blank, bounded like the event's field. */
function Reason(max = 2000): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ minLength: 1, maxLength: max, pattern: '\\S' })(target, key);
    IsString({ message: 'harus berupa teks' })(target, key);
    Matches(/\S/, { message: 'wajib diisi, tidak boleh kosong' })(target, key);
    MaxLength(max, { message: `paling banyak ${max} karakter` })(target, key);
  };
}

function CalendarDate(description: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ type: 'string', format: 'date', description })(target, key);
    IsString({ message: 'harus berupa teks' })(target, key);
    Matches(DATE, { message: 'harus berupa tanggal YYYY-MM-DD' })(target, key);
    IsISO8601({ strict: true }, { message: 'harus berupa tanggal yang ada di kalender' })(target, key);
  };
}

export class AcceptReferralDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: "The agency's own number for the case." })
  @IsOptional()
  @IsString({ message: 'harus berupa teks' })
  @MinLength(1, { message: 'tidak boleh kosong' })
  @MaxLength(100, { message: 'paling banyak 100 karakter' })
  agencyReference?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'When the service is expected to start.' })
  @IsOptional()
  @IsString({ message: 'harus berupa teks' })
  @Matches(DATE, { message: 'harus berupa tanggal YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'harus berupa tanggal yang ada di kalender' })
  expectedStartOn?: string;
}

export class DeclineReferralDto {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS, oneOf(DECLINE_REASONS))
  reasonCode!: DeclineReasonCode;

  @Reason()
  reason!: string;
}

export class StartServiceDto {
  @CalendarDate('The day the service started.')
  startedOn!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 500, description: 'What is delivered.' })
  @IsOptional()
  @IsString({ message: 'harus berupa teks' })
  @Matches(/\S/, { message: 'tidak boleh kosong' })
  @MaxLength(500, { message: 'paling banyak 500 karakter' })
  serviceDescription?: string;
}

export class CompleteReferralDto {
  @CalendarDate('The day the agency finished.')
  completedOn!: string;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES, oneOf(OUTCOMES))
  outcome!: CompletionOutcome;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'harus berupa teks' })
  @Matches(/\S/, { message: 'tidak boleh kosong' })
  @MaxLength(2000, { message: 'paling banyak 2000 karakter' })
  outcomeNote?: string;
}

export class CloseReferralDto {
  @ApiProperty({ enum: CLOSE_REASONS })
  @IsIn(CLOSE_REASONS, oneOf(CLOSE_REASONS))
  reasonCode!: CloseReasonCode;

  @Reason()
  reason!: string;
}

export class RerouteReferralDto {
  @ApiProperty({ enum: AGENCY_IDS, description: 'The agency the new referral goes to.' })
  @IsIn(AGENCY_IDS, oneOf(AGENCY_IDS))
  toAgencyId!: string;

  @Reason()
  reason!: string;
}

export class AgencyReferralsQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES, oneOf(REFERRAL_STATUSES))
  status?: ReferralStatus;
}

export class ReferralsQueryDto extends AgencyReferralsQueryDto {
  @ApiPropertyOptional({ type: 'string', format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'harus berupa UUID' })
  residentId?: string;

  @ApiPropertyOptional({ type: 'string', format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'harus berupa UUID' })
  caseId?: string;
}
