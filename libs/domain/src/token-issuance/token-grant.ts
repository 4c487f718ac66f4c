import type { ServiceAccountStatus } from '../service-account/service-account.state';
import type { TokenRefusalError } from './token-issuance.events';

/** What the token endpoint knows about an authenticated client credential (from the credentials-by-client_id projection). */
export interface GrantableCredential {
  readonly scopes: readonly string[];
  readonly revoked: boolean;
  /** Past its expiry or the org's max age (recorded or not yet): it stops working at that instant. */
  readonly expired?: boolean;
  readonly accountStatus: ServiceAccountStatus;
}

export type GrantDecision =
  | { readonly granted: true; readonly scopes: readonly string[] }
  | { readonly granted: false; readonly error: TokenRefusalError; readonly reason: string; readonly description: string };

/**
 * RFC 6749 §4.4.2 / §3.3: the client credentials grant for an authenticated client.
 * Without a scope parameter the token gets every scope of the credential.
 */
export function decideTokenGrant(credential: GrantableCredential, requestedScopes: readonly string[] | undefined): GrantDecision {
  // A revoked credential or a deleted account authenticates like an unknown client: nothing to learn from the answer.
  if (credential.revoked) return refuse('invalid_client', 'credential_revoked', 'client authentication failed');
  if (credential.expired) return refuse('invalid_client', 'credential_expired', 'client authentication failed');
  if (credential.accountStatus === 'deleted') return refuse('invalid_client', 'service_account_deleted', 'client authentication failed');
  if (credential.accountStatus === 'suspended') {
    return refuse('unauthorized_client', 'service_account_suspended', 'the service account of this client is suspended');
  }
  if (requestedScopes === undefined) return { granted: true, scopes: credential.scopes };
  const notHeld = requestedScopes.filter((scope) => !credential.scopes.includes(scope));
  if (notHeld.length > 0) return refuse('invalid_scope', 'scope_not_granted', `scope not granted to this client: ${notHeld.join(' ')}`);
  return { granted: true, scopes: [...new Set(requestedScopes)] };
}

function refuse(error: TokenRefusalError, reason: string, description: string): GrantDecision {
  return { granted: false, error, reason, description };
}
