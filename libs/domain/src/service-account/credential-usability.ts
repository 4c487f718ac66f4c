import type { OrganizationPolicy } from '../organization/organization-policy';
import type { CredentialExpiryReason } from './credential.state';
import { credentialExpiry, type ExpiryFacts } from './credential-expiry';
import type { ServiceAccountStatus } from './service-account.state';

/**
 * Why a credential that proved possession still may not be used. One closed set: every check answers
 * with one of these. `credential_expired` is a recorded CredentialExpired; the expiry reasons are the
 * instant itself, before the sweeper records it.
 */
export type CredentialUnusableReason =
  'credential_revoked' | 'credential_expired' | CredentialExpiryReason | 'service_account_deleted' | 'service_account_suspended';

/** The facts usability depends on, as every read model of a credential holds them. */
export interface UsabilityFacts {
  readonly revoked: boolean;
  /** CredentialExpired was recorded. */
  readonly expired: boolean;
  readonly accountStatus: ServiceAccountStatus;
}

export type CredentialUsability = { readonly usable: true } | { readonly usable: false; readonly reason: CredentialUnusableReason };

/**
 * The one rule saying whether a credential may be used at `nowMs` (token, introspection, revocation,
 * admin API). Revoked, expired and deleted come first: they answer like an unknown client, whatever
 * else is true. A credential stops at its expiry instant, not when the sweeper gets to it.
 */
export function credentialUsability(
  credential: UsabilityFacts & ExpiryFacts,
  policy: OrganizationPolicy,
  nowMs: number,
): CredentialUsability {
  if (credential.revoked) return { usable: false, reason: 'credential_revoked' };
  if (credential.expired) return { usable: false, reason: 'credential_expired' };
  const expiry = credentialExpiry(credential, policy);
  if (expiry && expiry.atMs <= nowMs) return { usable: false, reason: expiry.reason };
  if (credential.accountStatus === 'deleted') return { usable: false, reason: 'service_account_deleted' };
  if (credential.accountStatus === 'suspended') return { usable: false, reason: 'service_account_suspended' };
  return { usable: true };
}

/** Not ended for good (revoked, recorded as expired, account deleted): what sweepers and revocation still act on. */
export const isCredentialLive = (credential: UsabilityFacts): boolean =>
  !credential.revoked && !credential.expired && credential.accountStatus !== 'deleted';
