import type { ServiceAccountStatus } from './service-account.state';

/** Why a credential that proved possession still may not be used. One closed set: every check answers with one of these. */
export type CredentialUnusableReason = 'credential_revoked' | 'credential_expired' | 'service_account_deleted' | 'service_account_suspended';

/** The facts usability depends on, as every read model of a credential holds them. */
export interface UsabilityFacts {
  readonly revoked: boolean;
  /** Past its expiry or the org's max age (recorded or not yet): it stops working at that instant. */
  readonly expired: boolean;
  readonly accountStatus: ServiceAccountStatus;
}

export type CredentialUsability = { readonly usable: true } | { readonly usable: false; readonly reason: CredentialUnusableReason };

/**
 * The one rule saying whether an authenticated credential may be used (token, introspection,
 * revocation, admin API). Revoked, expired and deleted come first: they answer like an unknown client.
 */
export function credentialUsability(facts: UsabilityFacts): CredentialUsability {
  if (facts.revoked) return { usable: false, reason: 'credential_revoked' };
  if (facts.expired) return { usable: false, reason: 'credential_expired' };
  if (facts.accountStatus === 'deleted') return { usable: false, reason: 'service_account_deleted' };
  if (facts.accountStatus === 'suspended') return { usable: false, reason: 'service_account_suspended' };
  return { usable: true };
}
