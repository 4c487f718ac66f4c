import { DomainError } from '../shared/domain-error';
import type { Plan } from '../shared/plans';

export class OrganizationNotFound extends DomainError {
  readonly kind = 'not_found';
  readonly code = 'organization_not_found';
  constructor() {
    super('organization not found');
  }
}

export class OrganizationAlreadyExists extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'organization_exists';
  constructor() {
    super('organization already exists');
  }
}

export class ServiceAccountQuotaExceeded extends DomainError {
  readonly kind = 'quota';
  readonly code = 'service_account_quota_exceeded';
  readonly plan: Plan;
  readonly quota: number;
  readonly used: number;

  constructor(props: { readonly plan: Plan; readonly quota: number; readonly used: number }) {
    const { plan, quota, used } = props;
    super(`the ${plan} plan allows ${quota} service accounts and ${used} exist; delete one or change the plan`);
    ({ plan: this.plan, quota: this.quota, used: this.used } = props);
  }
}

export class PlanBelowUsage extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'plan_below_usage';
  constructor({ plan, quota, used }: { readonly plan: Plan; readonly quota: number; readonly used: number }) {
    super(`the ${plan} plan allows ${quota} service accounts but ${used} exist`, 'plan');
  }
}

export class ServiceAccountNameTaken extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'service_account_name_taken';
  constructor(name: string) {
    super(`a service account named "${name}" already exists in this organization`, 'name');
  }
}

export class ScopeAlreadyDefined extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'scope_exists';
  constructor(name: string) {
    super(`scope "${name}" is already in the catalog`, 'name');
  }
}

/** Suspending, deleting, revoking or narrowing the last way into the admin API would lock the organization out for good. */
export class LastAdminCredential extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'last_admin_credential';
  constructor() {
    super(
      'this is the last active credential of the organization holding manage:service-accounts; give another credential that scope first (an operator can recover a locked-out organization with `npm run cli -- org:recover --org ID`)',
    );
  }
}

export class NoActiveLockdown extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'no_active_lockdown';
  constructor() {
    super('the organization is not locked down');
  }
}

export class ScopeLimitReached extends DomainError {
  readonly kind = 'quota';
  readonly code = 'scope_limit_reached';
  constructor(readonly limit: number) {
    super(`an organization defines at most ${limit} scopes of its own`);
  }
}
