import { Get, Inject, Query } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CLOCK, type Clock } from '@keyward/application';
import {
  ClientCredentialsProjection,
  CredentialUsageProjection,
  ServiceAccountsProjection,
  type ServiceAccountDetails,
} from '@keyward/projections';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { credentialHygiene } from './credential-hygiene.report';

export const WINDOW_DAYS = { min: 1, max: 365, default: 30 } as const;

export class UsageWindowQuery {
  @ApiPropertyOptional({ minimum: WINDOW_DAYS.min, maximum: WINDOW_DAYS.max, default: WINDOW_DAYS.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(WINDOW_DAYS.min)
  @Max(WINDOW_DAYS.max)
  windowDays?: number;
}

/** Granted against used, ages against the org policy: from the read models, never a scan of the token history. */
@AdminController('reports', 'reports')
export class CredentialHygieneController {
  constructor(
    private readonly accounts: ServiceAccountsProjection,
    private readonly credentials: ClientCredentialsProjection,
    private readonly usage: CredentialUsageProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('credential-hygiene')
  @RequiresScope('read:service-accounts')
  report(@Query() query: UsageWindowQuery, @Caller() { principal }: AdminCall) {
    const now = this.clock();
    const windowDays = query.windowDays ?? WINDOW_DAYS.default;
    const organizationId = principal.organizationId;
    const accounts = this.accounts
      .list(organizationId)
      .flatMap((summary) => this.accounts.get(organizationId, summary.id) ?? ([] as ServiceAccountDetails[]));
    const policy = this.credentials.policyOf(organizationId);
    const report = credentialHygiene({ accounts, policy, usage: (id) => this.usage.summary(id, now, windowDays), now, windowDays });
    return { generatedAt: now.toISOString(), windowDays, ...report };
  }
}
