import { Body, Get, Put } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  API_TOKEN_MAX_AGE_DAYS,
  CLIENT_SECRET_MAX_AGE_DAYS,
  NAMING_DESCRIPTION_MAX,
  NAMING_PATTERN_MAX,
  REMINDER_DAYS,
} from '@keyward/domain';
import { ClientCredentialsProjection } from '@keyward/projections';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { ChangeOrganizationPolicy } from '@keyward/application';

const isSet = (value: unknown) => value !== null && value !== undefined;

/** The domain checks that the pattern compiles and matches in bounded time (requireNamingPattern). */
export class NamingPatternDto {
  @ApiProperty({ maxLength: NAMING_PATTERN_MAX, example: '^svc-[a-z0-9]+-[a-z0-9-]+$' })
  @IsString()
  @MinLength(1)
  @MaxLength(NAMING_PATTERN_MAX)
  pattern!: string;

  @ApiProperty({ maxLength: NAMING_DESCRIPTION_MAX, example: 'svc-<team>-<integration>' })
  @IsString()
  @MinLength(1)
  @MaxLength(NAMING_DESCRIPTION_MAX)
  description!: string;
}

export class ChangeOrganizationPolicyDto {
  @ApiPropertyOptional({ minimum: ACCESS_TOKEN_LIFETIME_SECONDS.min, maximum: ACCESS_TOKEN_LIFETIME_SECONDS.max })
  @IsOptional()
  @IsInt()
  @Min(ACCESS_TOKEN_LIFETIME_SECONDS.min)
  @Max(ACCESS_TOKEN_LIFETIME_SECONDS.max)
  maxAccessTokenLifetimeSeconds?: number;

  @ApiPropertyOptional({
    minimum: CLIENT_SECRET_MAX_AGE_DAYS.min,
    maximum: CLIENT_SECRET_MAX_AGE_DAYS.max,
    nullable: true,
    description: 'null: no limit',
  })
  @ValidateIf((dto: ChangeOrganizationPolicyDto) => isSet(dto.clientSecretMaxAgeDays))
  @IsInt()
  @Min(CLIENT_SECRET_MAX_AGE_DAYS.min)
  @Max(CLIENT_SECRET_MAX_AGE_DAYS.max)
  clientSecretMaxAgeDays?: number | null;

  @ApiPropertyOptional({
    minimum: API_TOKEN_MAX_AGE_DAYS.min,
    maximum: API_TOKEN_MAX_AGE_DAYS.max,
    nullable: true,
    description: 'null: no limit',
  })
  @ValidateIf((dto: ChangeOrganizationPolicyDto) => isSet(dto.apiTokenMaxAgeDays))
  @IsInt()
  @Min(API_TOKEN_MAX_AGE_DAYS.min)
  @Max(API_TOKEN_MAX_AGE_DAYS.max)
  apiTokenMaxAgeDays?: number | null;

  @ApiPropertyOptional({
    type: [Number],
    maxItems: REMINDER_DAYS.count,
    example: [14, 3, 1],
    description: 'days before a secret reaches its maximum age, or an API token its expiry, that a reminder event is recorded; [] for none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REMINDER_DAYS.count)
  @IsInt({ each: true })
  @Min(REMINDER_DAYS.min, { each: true })
  @Max(REMINDER_DAYS.max, { each: true })
  reminderDays?: number[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    nullable: true,
    description: 'SuspiciousTokenActivity new_source_network after this many days of use; null: off (the default)',
  })
  @ValidateIf((dto: ChangeOrganizationPolicyDto) => isSet(dto.suspiciousNewNetworkAfterDays))
  @IsInt()
  @Min(1)
  @Max(365)
  suspiciousNewNetworkAfterDays?: number | null;

  @ApiPropertyOptional({
    minimum: 3,
    maximum: 100000,
    nullable: true,
    description: 'refusal_burst: refused requests of one client within 10 minutes; null: off (default 20)',
  })
  @ValidateIf((dto: ChangeOrganizationPolicyDto) => isSet(dto.suspiciousRefusalBurst))
  @IsInt()
  @Min(3)
  @Max(100000)
  suspiciousRefusalBurst?: number | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    nullable: true,
    description: 'use_after_long_idle: a token after this many idle days; null: off (default 30)',
  })
  @ValidateIf((dto: ChangeOrganizationPolicyDto) => isSet(dto.suspiciousIdleDays))
  @IsInt()
  @Min(1)
  @Max(365)
  suspiciousIdleDays?: number | null;

  @ApiPropertyOptional({ description: 'every service account must name an owner' })
  @IsOptional()
  @IsBoolean()
  requireOwner?: boolean;

  @ApiPropertyOptional({ type: NamingPatternDto, nullable: true, description: 'service account names must match; null: any name' })
  @ValidateIf((dto: ChangeOrganizationPolicyDto) => isSet(dto.accountNamePattern))
  @ValidateNested()
  @Type(() => NamingPatternDto)
  accountNamePattern?: NamingPatternDto | null;

  @ApiPropertyOptional({ type: NamingPatternDto, nullable: true, description: 'credential names must match; null: any name' })
  @ValidateIf((dto: ChangeOrganizationPolicyDto) => isSet(dto.credentialNamePattern))
  @ValidateNested()
  @Type(() => NamingPatternDto)
  credentialNamePattern?: NamingPatternDto | null;
}

@AdminController('organization/policy', 'organization')
export class OrganizationPolicyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly policies: ClientCredentialsProjection,
  ) {}

  @Get()
  @RequiresScope('read:service-accounts')
  get(@Caller() { principal }: AdminCall) {
    return this.policies.policyOf(principal.organizationId);
  }

  @Put()
  @RequiresScope('manage:service-accounts')
  change(@Body() body: ChangeOrganizationPolicyDto, @Caller() { context }: AdminCall) {
    return this.commands.execute(new ChangeOrganizationPolicy({ organizationId: context.organizationId, changes: body, context }));
  }
}
