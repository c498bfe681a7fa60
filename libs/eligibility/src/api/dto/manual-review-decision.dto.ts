import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

import { PROGRAMMES, type Programme } from '../../domain/programmes';
import type { ReviewDecision } from '../../domain/determination/eligibility.events';

const DECISIONS: readonly ReviewDecision[] = ['APPROVED', 'REJECTED', 'RETURNED_FOR_VERIFICATION'];

export class ProgrammeDecisionDto {
  @ApiProperty({ enum: PROGRAMMES })
  @IsIn(PROGRAMMES, { message: `harus salah satu dari ${PROGRAMMES.join(', ')}` })
  programme!: Programme;

  @ApiProperty()
  @IsBoolean({ message: 'harus true atau false' })
  eligible!: boolean;
}

export class ManualReviewDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: `harus salah satu dari ${DECISIONS.join(', ')}` })
  decision!: ReviewDecision;

  @ApiPropertyOptional({ type: [ProgrammeDecisionDto], description: 'Required with APPROVED: a decision for each programme of the review.' })
  @ValidateIf((dto: ManualReviewDecisionDto) => dto.decision === 'APPROVED' || dto.programmes !== undefined)
  @IsArray({ message: 'wajib berisi keputusan per program bila APPROVED' })
  @ArrayNotEmpty({ message: 'wajib berisi keputusan per program bila APPROVED' })
  @ValidateNested({ each: true })
  @Type(() => ProgrammeDecisionDto)
  programmes?: ProgrammeDecisionDto[];

  @ApiProperty({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Why; recorded with the decision.' })
  @IsString({ message: 'harus berupa teks' })
  @Matches(/\S/, { message: 'wajib diisi, tidak boleh kosong' })
  @MaxLength(2000, { message: 'paling banyak 2000 karakter' })
  reason!: string;
}
