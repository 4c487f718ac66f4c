import { Get, Query } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OWNER_MAX, TAG_PATTERN, TAG_RULE } from '@keyward/domain';
import { ServiceAccountNotFound } from '@keyward/domain';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { ServiceAccountsProjection } from '@keyward/projections';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';
import { credentialUsage } from './credential-usage';

export class ListServiceAccountsQuery {
  @ApiPropertyOptional({ maxLength: OWNER_MAX, description: 'accounts of this owner (ignoring case)' })
  @IsOptional()
  @IsString()
  @MaxLength(OWNER_MAX)
  owner?: string;

  @ApiPropertyOptional({ description: 'accounts carrying this tag', pattern: TAG_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(TAG_PATTERN, { message: `tag must be ${TAG_RULE}` })
  tag?: string;
}

/** Reads answer from the in-memory projection, scoped to the caller's organization. */
@AdminController('service-accounts', 'service accounts')
export class ReadServiceAccountsController {
  constructor(private readonly accounts: ServiceAccountsProjection) {}

  @Get()
  @RequiresScope('read:service-accounts')
  list(@Query() query: ListServiceAccountsQuery, @Caller() { principal }: AdminCall) {
    const organizationId = principal.organizationId;
    const accounts = this.accounts.list(organizationId, { owner: query.owner?.trim(), tag: query.tag });
    return {
      items: accounts.map((account) => ({
        ...account,
        ...credentialUsage(this.accounts.get(organizationId, account.id)?.credentials ?? []),
      })),
    };
  }

  @Get(':id')
  @RequiresScope('read:service-accounts')
  get(@UuidParam('id') id: string, @Caller() { principal }: AdminCall) {
    const account = this.accounts.get(principal.organizationId, id);
    if (!account) throw new ServiceAccountNotFound();
    return account;
  }
}
