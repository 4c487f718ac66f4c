import { DomainError } from '../shared/domain-error';

/** 400 quoting the organization's own words for its convention, so the admin sees what a name should look like. */
export class NamingPolicyViolated extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'naming_policy_violated';
  constructor({ field, name, description }: { readonly field: string; readonly name: string; readonly description: string }) {
    super(`${field}: "${name}" does not follow the organization's naming convention: ${description}`, field);
  }
}

export class OwnerRequired extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'owner_required';
  constructor() {
    super('owner: the organization policy requires every service account to have an owner (a team or a contact)', 'owner');
  }
}
