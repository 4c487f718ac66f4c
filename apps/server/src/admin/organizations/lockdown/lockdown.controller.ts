import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DESCRIPTION_MAX } from '@keyward/domain';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { LiftLockdown, type LiftLockdownResult, LockdownOrganization, type LockdownResult } from '@keyward/application';

export class LockdownOrganizationDto {
  @ApiProperty({ minLength: 1, maxLength: DESCRIPTION_MAX, example: 'deploy key leaked in a public repository' })
  @IsString()
  @MinLength(1)
  @MaxLength(DESCRIPTION_MAX)
  reason!: string;

  @ApiPropertyOptional({ default: false, description: 'list the accounts and credentials that would stop, change nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

/** Break glass: stop every service account of the organization but the caller's, then lift exactly that. */
@AdminController('organization/lockdown', 'organization')
export class LockdownController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @RequiresScope('manage:service-accounts')
  lockdown(@Body() body: LockdownOrganizationDto, @Caller() { principal, context }: AdminCall): Promise<LockdownResult> {
    const exemptServiceAccountIds = [principal.serviceAccountId];
    return this.commands.execute(
      new LockdownOrganization({
        organizationId: context.organizationId,
        reason: body.reason,
        dryRun: body.dryRun ?? false,
        exemptServiceAccountIds,
        context,
      }),
    );
  }

  @Post('lift')
  @HttpCode(200)
  @RequiresScope('manage:service-accounts')
  lift(@Caller() { context }: AdminCall): Promise<LiftLockdownResult> {
    return this.commands.execute(new LiftLockdown({ organizationId: context.organizationId, context }));
  }
}
