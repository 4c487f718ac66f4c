import { Get } from '@nestjs/common';
import { OrganizationNotFound } from '@keyward/domain';
import { OrganizationsProjection } from '@keyward/projections';
import { Caller } from '../../admin-auth/admin-call.decorator';
import type { AdminCall } from '../../admin-auth/admin-principal';
import { AdminController } from '../../admin-auth/admin-route.decorator';
import { RequiresScope } from '../../admin-auth/requires-scope.decorator';

@AdminController('organization', 'organization')
export class GetOrganizationController {
  constructor(private readonly organizations: OrganizationsProjection) {}

  /** The caller's organization: plan, service-account quota and how much of it is used. */
  @Get()
  @RequiresScope('read:service-accounts')
  get(@Caller() { principal }: AdminCall) {
    const org = this.organizations.get(principal.organizationId);
    if (!org) throw new OrganizationNotFound();
    return {
      id: org.id,
      name: org.name,
      plan: org.plan,
      quota: org.serviceAccountQuota,
      used: org.serviceAccountsUsed,
      createdAt: org.createdAt,
    };
  }
}
