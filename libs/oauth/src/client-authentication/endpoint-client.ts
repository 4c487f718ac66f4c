import type { ClientCredentialView } from '@keyward/projections';
import { InvalidClient, UnauthorizedClient } from '../errors/oauth-errors';

/**
 * The introspection and revocation endpoints take an authenticated client as the token endpoint does:
 * a revoked or expired credential, or a deleted account, authenticates like an unknown client; a suspended one is refused.
 */
export function requireUsableClient(credential: ClientCredentialView, usedBasic: boolean): ClientCredentialView {
  if (credential.revoked || credential.expired || credential.accountStatus === 'deleted') throw new InvalidClient('credential_inactive', usedBasic);
  if (credential.accountStatus === 'suspended') throw new UnauthorizedClient('the service account of this client is suspended', 'service_account_suspended');
  return credential;
}
