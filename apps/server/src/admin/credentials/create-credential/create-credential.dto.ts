import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  API_TOKEN_DAYS,
  MAX_AUDIENCES_PER_CREDENTIAL,
  MAX_SCOPES_PER_CREDENTIAL,
  NAME_MAX,
  SCOPE_NAME_MAX,
  type TokenEndpointAuthMethod,
} from '@keyward/domain';

const TOKEN_ENDPOINT_AUTH_METHODS: TokenEndpointAuthMethod[] = [
  'client_secret_basic',
  'private_key_jwt',
  'federated_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
];

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

  @ApiPropertyOptional({
    minimum: API_TOKEN_DAYS.min,
    maximum: API_TOKEN_DAYS.max,
    default: API_TOKEN_DAYS.default,
    description: 'api_token only',
  })
  @ValidateIf((dto: CreateCredentialDto) => dto.expiresInDays !== undefined)
  @IsInt()
  @Min(API_TOKEN_DAYS.min)
  @Max(API_TOKEN_DAYS.max)
  @IsOptional()
  expiresInDays?: number;

  @ApiPropertyOptional({
    description: 'oauth_client only: a JWK set {keys: [...]} of public keys for private_key_jwt (RFC 7523); the client then gets no secret',
  })
  @IsOptional()
  @IsObject()
  jwks?: { keys: unknown[] };

  @ApiPropertyOptional({
    enum: TOKEN_ENDPOINT_AUTH_METHODS,
    description:
      'oauth_client only (RFC 7591 §2): inferred when absent: private_key_jwt with jwks, federated_jwt with federation, else client_secret_basic. tls_client_auth needs one tls_client_auth_* name; self_signed_tls_client_auth needs jwks whose keys carry x5c.',
  })
  @IsOptional()
  @IsIn(TOKEN_ENDPOINT_AUTH_METHODS)
  token_endpoint_auth_method?: TokenEndpointAuthMethod;

  @ApiPropertyOptional({
    description:
      'oauth_client only: workload identity federation, no secret. {issuer, subject | subjectPattern, audience?, claims?, maxTokenAgeSeconds?, allowTokenReuse?} (docs/workload-identity-federation.md)',
    example: {
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:acme/reports:ref:refs/heads/main',
      claims: { repository_owner: 'acme' },
    },
  })
  @IsOptional()
  @IsObject()
  federation?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'tls_client_auth (RFC 8705 §2.1.2): the subject DN, RFC 4514 form' })
  @IsOptional()
  @IsString()
  tls_client_auth_subject_dn?: string;

  @ApiPropertyOptional({ description: 'tls_client_auth: a dNSName SAN' })
  @IsOptional()
  @IsString()
  tls_client_auth_san_dns?: string;

  @ApiPropertyOptional({ description: 'tls_client_auth: a uniformResourceIdentifier SAN' })
  @IsOptional()
  @IsString()
  tls_client_auth_san_uri?: string;

  @ApiPropertyOptional({ description: 'tls_client_auth: an iPAddress SAN' })
  @IsOptional()
  @IsString()
  tls_client_auth_san_ip?: string;

  @ApiPropertyOptional({ description: 'tls_client_auth: an rfc822Name SAN' })
  @IsOptional()
  @IsString()
  tls_client_auth_san_email?: string;

  @ApiPropertyOptional({
    description:
      'RFC 8705 §3.4: bind its access tokens to the client certificate of each token request (always true for the certificate methods)',
  })
  @IsOptional()
  @IsBoolean()
  tls_client_certificate_bound_access_tokens?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'oauth_client only: audiences its tokens may name (RFC 8707); the first is the default',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(MAX_AUDIENCES_PER_CREDENTIAL)
  audiences?: string[];

  @ApiPropertyOptional({
    minimum: ACCESS_TOKEN_LIFETIME_SECONDS.min,
    maximum: ACCESS_TOKEN_LIFETIME_SECONDS.max,
    description: 'oauth_client only',
  })
  @IsOptional()
  @IsInt()
  @Min(ACCESS_TOKEN_LIFETIME_SECONDS.min)
  @Max(ACCESS_TOKEN_LIFETIME_SECONDS.max)
  accessTokenLifetimeSeconds?: number;
}
