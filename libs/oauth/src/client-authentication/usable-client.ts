import { credentialUsability, unreachable, type OrganizationPolicy } from '@keyward/domain';
import { InvalidClient, UnauthorizedClient } from '../errors/oauth-errors';
import type { AuthenticatedClient } from './client-authenticator';

/**
 * The domain's usability rule as the OAuth endpoints answer it. RFC 6749 §5.2: a revoked or expired
 * credential, or a deleted account, authenticates like an unknown client; a suspended one is unauthorized_client.
 */
export function requireUsableClient(client: AuthenticatedClient, policy: OrganizationPolicy, now: Date): AuthenticatedClient {
  const usability = credentialUsability(client.credential, policy, now.getTime());
  if (usability.usable) return client;
  switch (usability.reason) {
    case 'credential_revoked':
    case 'credential_expired':
    case 'api_token_expired':
    case 'api_token_max_age':
    case 'client_secret_max_age':
    case 'service_account_deleted':
      throw new InvalidClient(usability.reason, client.method === 'client_secret_basic');
    case 'service_account_suspended':
      throw new UnauthorizedClient('the service account of this client is suspended', usability.reason);
    default:
      return unreachable(usability.reason);
  }
}
