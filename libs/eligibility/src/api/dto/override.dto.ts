import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches, MaxLength } from 'class-validator';

import { PROGRAMMES, type Programme } from '../../domain/programmes';

export class OverrideDto {
  @ApiProperty({ enum: PROGRAMMES })
  @IsIn(PROGRAMMES, { message: `harus salah satu dari ${PROGRAMMES.join(', ')}` })
  programme!: Programme;

  @ApiProperty({ description: 'The outcome that now holds for the programme.' })
  @IsBoolean({ message: 'harus true atau false' })
  eligible!: boolean;

  @ApiProperty({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Mandatory: why the rules’ outcome does not fit this case.' })
  @IsString({ message: 'harus berupa teks' })
  @Matches(/\S/, { message: 'wajib diisi, tidak boleh kosong' })
  @MaxLength(2000, { message: 'paling banyak 2000 karakter' })
  reason!: string;
}
