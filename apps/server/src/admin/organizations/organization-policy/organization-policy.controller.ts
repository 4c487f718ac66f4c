import { Body, Get, Put } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { ACCESS_TOKEN_LIFETIME_SECONDS, API_TOKEN_MAX_AGE_DAYS, CLIENT_SECRET_MAX_AGE_DAYS } from '@keyward/domain';
import { ClientCredentialsProjection } from '@keyward/projections';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { ChangeOrganizationPolicy } from './change-organization-policy.handler';

const isSet = (value: unknown) => value !== null && value !== undefined;

export class ChangeOrganizationPolicyDto {
  @ApiPropertyOptional({ minimum: ACCESS_TOKEN_LIFETIME_SECONDS.min, maximum: ACCESS_TOKEN_LIFETIME_SECONDS.max })
  @IsOptional()
  @IsInt()
  @Min(ACCESS_TOKEN_LIFETIME_SECONDS.min)
  @Max(ACCESS_TOKEN_LIFETIME_SECONDS.max)
  maxAccessTokenLifetimeSeconds?: number;

  @ApiPropertyOptional({ minimum: CLIENT_SECRET_MAX_AGE_DAYS.min, maximum: CLIENT_SECRET_MAX_AGE_DAYS.max, nullable: true, description: 'null: no limit' })
  @ValidateIf((dto: ChangeOrganizationPolicyDto) => isSet(dto.clientSecretMaxAgeDays))
  @IsInt()
  @Min(CLIENT_SECRET_MAX_AGE_DAYS.min)
  @Max(CLIENT_SECRET_MAX_AGE_DAYS.max)
  clientSecretMaxAgeDays?: number | null;

  @ApiPropertyOptional({ minimum: API_TOKEN_MAX_AGE_DAYS.min, maximum: API_TOKEN_MAX_AGE_DAYS.max, nullable: true, description: 'null: no limit' })
  @ValidateIf((dto: ChangeOrganizationPolicyDto) => isSet(dto.apiTokenMaxAgeDays))
  @IsInt()
  @Min(API_TOKEN_MAX_AGE_DAYS.min)
  @Max(API_TOKEN_MAX_AGE_DAYS.max)
  apiTokenMaxAgeDays?: number | null;
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
    return this.commands.execute(new ChangeOrganizationPolicy(context.organizationId, body, context));
  }
}
