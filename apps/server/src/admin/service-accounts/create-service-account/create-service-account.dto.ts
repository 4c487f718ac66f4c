import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DESCRIPTION_MAX, NAME_MAX } from '@keyward/domain';
import { OwnershipFieldsDto } from '../ownership/ownership-fields.dto';

export class CreateServiceAccountDto extends OwnershipFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'billing-export-bot' })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;
}
