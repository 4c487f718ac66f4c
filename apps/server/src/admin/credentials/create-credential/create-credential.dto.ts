import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { API_TOKEN_DAYS, MAX_SCOPES_PER_CREDENTIAL, NAME_MAX, SCOPE_NAME_MAX } from '@keyward/domain';

export class CreateCredentialDto {
  @ApiProperty({ enum: ['oauth_client', 'api_token'] })
  @IsIn(['oauth_client', 'api_token'])
  type!: 'oauth_client' | 'api_token';

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'production' })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  name!: string;

  @ApiProperty({ type: [String], example: ['read:reports'] })
  @IsString({ each: true })
  @MaxLength(SCOPE_NAME_MAX, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCOPES_PER_CREDENTIAL)
  scopes!: string[];

  @ApiPropertyOptional({ minimum: API_TOKEN_DAYS.min, maximum: API_TOKEN_DAYS.max, default: API_TOKEN_DAYS.default, description: 'api_token only' })
  @ValidateIf((dto: CreateCredentialDto) => dto.expiresInDays !== undefined)
  @IsInt()
  @Min(API_TOKEN_DAYS.min)
  @Max(API_TOKEN_DAYS.max)
  @IsOptional()
  expiresInDays?: number;
}
