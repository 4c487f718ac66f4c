import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ACCESS_TOKEN_LIFETIME_SECONDS, API_TOKEN_DAYS, MAX_AUDIENCES_PER_CREDENTIAL, MAX_SCOPES_PER_CREDENTIAL, NAME_MAX, SCOPE_NAME_MAX } from '@keyward/domain';

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
  @IsArray()
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

  @ApiPropertyOptional({ description: 'oauth_client only: a JWK set {keys: [...]} of public keys for private_key_jwt (RFC 7523); the client then gets no secret' })
  @IsOptional()
  @IsObject()
  jwks?: { keys: unknown[] };

  @ApiPropertyOptional({ type: [String], description: 'oauth_client only: audiences its tokens may name (RFC 8707); the first is the default' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(MAX_AUDIENCES_PER_CREDENTIAL)
  audiences?: string[];

  @ApiPropertyOptional({ minimum: ACCESS_TOKEN_LIFETIME_SECONDS.min, maximum: ACCESS_TOKEN_LIFETIME_SECONDS.max, description: 'oauth_client only' })
  @IsOptional()
  @IsInt()
  @Min(ACCESS_TOKEN_LIFETIME_SECONDS.min)
  @Max(ACCESS_TOKEN_LIFETIME_SECONDS.max)
  accessTokenLifetimeSeconds?: number;
}
