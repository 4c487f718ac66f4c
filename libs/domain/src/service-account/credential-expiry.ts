import type { OrganizationPolicy } from '../organization/organization-policy';
import { unreachable } from '../shared/decider';
import type { CredentialExpiryReason, CredentialState, TokenEndpointAuthMethod } from './credential.state';

const DAY_MS = 24 * 3600 * 1000;

/** The facts expiry depends on, per variant, as the aggregate and the read models both hold them (epoch ms). */
export type ExpiryFacts =
  | { readonly type: 'api_token'; readonly createdAtMs: number; readonly expiresAtMs: number }
  | { readonly type: 'oauth_client'; readonly tokenEndpointAuthMethod: 'client_secret_basic'; readonly secretIssuedAtMs: number }
  | { readonly type: 'oauth_client'; readonly tokenEndpointAuthMethod: Exclude<TokenEndpointAuthMethod, 'client_secret_basic'> };

export interface CredentialExpiry {
  readonly atMs: number;
  readonly reason: CredentialExpiryReason;
}

/**
 * When a credential stops working on its own, and why: the earliest of an API token's expiry and its
 * max age under the org policy; for a secret client the max age of its current secret. A
 * client without a secret (keys, federation, certificates) has nothing that ages out.
 */
export function credentialExpiry(credential: ExpiryFacts, policy: OrganizationPolicy): CredentialExpiry | undefined {
  if (credential.type === 'api_token') {
    const expires: CredentialExpiry = { atMs: credential.expiresAtMs, reason: 'api_token_expired' };
    if (policy.apiTokenMaxAgeDays === null) return expires;
    const maxAge: CredentialExpiry = { atMs: credential.createdAtMs + policy.apiTokenMaxAgeDays * DAY_MS, reason: 'api_token_max_age' };
    return maxAge.atMs < expires.atMs ? maxAge : expires;
  }
  switch (credential.tokenEndpointAuthMethod) {
    case 'client_secret_basic':
      return policy.clientSecretMaxAgeDays === null
        ? undefined
        : { atMs: credential.secretIssuedAtMs + policy.clientSecretMaxAgeDays * DAY_MS, reason: 'client_secret_max_age' };
    case 'private_key_jwt':
    case 'federated_jwt':
    case 'tls_client_auth':
    case 'self_signed_tls_client_auth':
      return undefined;
    default:
      return unreachable(credential);
  }
}

/** The aggregate's credential as expiry facts. */
export function expiryFactsOf(credential: CredentialState): ExpiryFacts {
  if (credential.type === 'api_token')
    return { type: 'api_token', createdAtMs: Date.parse(credential.createdAt), expiresAtMs: Date.parse(credential.expiresAt) };
  switch (credential.tokenEndpointAuthMethod) {
    case 'client_secret_basic':
      return {
        type: 'oauth_client',
        tokenEndpointAuthMethod: 'client_secret_basic',
        secretIssuedAtMs: Date.parse(credential.secretIssuedAt),
      };
    case 'private_key_jwt':
    case 'federated_jwt':
    case 'tls_client_auth':
    case 'self_signed_tls_client_auth':
      return { type: 'oauth_client', tokenEndpointAuthMethod: credential.tokenEndpointAuthMethod };
    default:
      return unreachable(credential);
  }
}
