import { Body, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CLOCK, ChangeCredential, type Clock } from '@keyward/application';
import { CredentialNotFound } from '@keyward/domain';
import { CredentialUsageProjection, ServiceAccountsProjection } from '@keyward/projections';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { BodyMayBeOmitted } from '../../../http/optional-body.decorator';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { WINDOW_DAYS } from '../credential-hygiene/credential-hygiene.controller';
import { NothingUsedToNarrowTo } from './nothing-used-to-narrow-to.error';

@BodyMayBeOmitted()
export class NarrowCredentialDto {
  @ApiPropertyOptional({ default: false, description: 'answer the scopes it would keep and drop; change nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ minimum: WINDOW_DAYS.min, maximum: WINDOW_DAYS.max, default: WINDOW_DAYS.default })
  @IsOptional()
  @IsInt()
  @Min(WINDOW_DAYS.min)
  @Max(WINDOW_DAYS.max)
  windowDays?: number;
}

/** Least privilege in one call: the scopes become those its tokens used in the window (never none), as the usual scope change. */
@AdminController('service-accounts', 'service accounts')
export class NarrowCredentialController {
  constructor(
    private readonly commands: CommandBus,
    private readonly accounts: ServiceAccountsProjection,
    private readonly usage: CredentialUsageProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/credentials/:credentialId/narrow')
  @HttpCode(200)
  @RequiresScope('manage:service-accounts')
  async narrow(
    @UuidParam('id') serviceAccountId: string,
    @UuidParam('credentialId') credentialId: string,
    @Body() body: NarrowCredentialDto | undefined,
    @Caller() { context }: AdminCall,
  ) {
    const credential = this.accounts
      .get(context.organizationId, serviceAccountId)
      ?.credentials.find((c) => c.id === credentialId && c.revokedAt === null && c.expiredAt === null);
    if (!credential) throw new CredentialNotFound();
    const windowDays = body?.windowDays ?? WINDOW_DAYS.default;
    const used = this.usage.summary(credentialId, this.clock(), windowDays).scopes;
    const scopes = credential.scopes.filter((scope) => used.has(scope));
    if (scopes.length === 0) throw new NothingUsedToNarrowTo(windowDays);
    const removedScopes = credential.scopes.filter((scope) => !used.has(scope));
    const dryRun = body?.dryRun ?? false;
    if (!dryRun && removedScopes.length > 0) {
      await this.commands.execute(
        new ChangeCredential({ organizationId: context.organizationId, serviceAccountId, credentialId, changes: { scopes }, context }),
      );
    }
    return { dryRun, credentialId, windowDays, scopes, removedScopes, previousScopes: credential.scopes };
  }
}
