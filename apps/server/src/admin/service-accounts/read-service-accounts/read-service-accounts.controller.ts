import { Get } from '@nestjs/common';
import { ServiceAccountNotFound } from '@keyward/domain';
import { UuidParam } from '../../../http/uuid-param.decorator';
import { ServiceAccountsProjection } from '@keyward/projections';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';

/** Reads answer from the in-memory projection, scoped to the caller's organization. */
@AdminController('service-accounts', 'service accounts')
export class ReadServiceAccountsController {
  constructor(private readonly accounts: ServiceAccountsProjection) {}

  @Get()
  @RequiresScope('read:service-accounts')
  list(@Caller() { principal }: AdminCall) {
    return { items: this.accounts.list(principal.organizationId) };
  }

  @Get(':id')
  @RequiresScope('read:service-accounts')
  get(@UuidParam('id') id: string, @Caller() { principal }: AdminCall) {
    const account = this.accounts.get(principal.organizationId, id);
    if (!account) throw new ServiceAccountNotFound();
    return account;
  }
}
