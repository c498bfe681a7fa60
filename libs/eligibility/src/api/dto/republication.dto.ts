import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate, type ValidatorConstraintInterface, ValidatorConstraint } from 'class-validator';

import { isCalendarDate } from '@lastri/kernel';

@ValidatorConstraint({ name: 'isoDate' })
class IsoDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isCalendarDate(value);
  }
  defaultMessage(): string {
    return 'harus berupa tanggal YYYY-MM-DD';
  }
}

export class RepublicationDto {
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-01-01', description: 'The day whose rules in force become those of every open case; default today (WIB), never later.' })
  @IsOptional()
  @Validate(IsoDate)
  asOf?: string;
}
