import { Get } from '@nestjs/common';
import { OrganizationsProjection } from '@keyward/projections';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';

@AdminController('scopes', 'scopes')
export class ListScopesController {
  constructor(private readonly organizations: OrganizationsProjection) {}

  @Get()
  @RequiresScope('read:service-accounts')
  list(@Caller() { principal }: AdminCall) {
    return { items: this.organizations.scopes(principal.organizationId) };
  }
}
