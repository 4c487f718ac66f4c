import { DomainError } from '@keyward/domain';

/** Narrowing never leaves a credential without scopes: one unused in the window is for revoking, not narrowing. */
export class NothingUsedToNarrowTo extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'nothing_used_to_narrow_to';
  constructor(windowDays: number) {
    super(
      `no token was issued for this credential in the last ${windowDays} days, so there is nothing to narrow it to; revoke it if nothing needs it`,
    );
  }
}
