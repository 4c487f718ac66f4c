import type { OrganizationPolicy } from '../organization/organization-policy';
import type { CredentialExpiryReason } from './credential.state';

const DAY_MS = 24 * 3600 * 1000;

/** The facts expiry depends on, as the aggregate and the read models both hold them (epoch ms). */
export interface ExpiringCredential {
  readonly type: 'oauth_client' | 'api_token';
  readonly createdAtMs: number;
  /** api_token: its own expiry. */
  readonly expiresAtMs?: number;
  /** oauth_client with a secret: when the current secret was issued. Absent for private_key_jwt clients. */
  readonly secretIssuedAtMs?: number;
}

/**
 * When a credential stops working on its own, and why: the earliest of an API token's expiry, its
 * max age under the org policy, and for a secret-based client the max age of its current secret.
 * private_key_jwt clients hold no secret, so the secret age limit does not apply to them.
 */
export function credentialExpiry(credential: ExpiringCredential, policy: OrganizationPolicy): { readonly atMs: number; readonly reason: CredentialExpiryReason } | undefined {
  const candidates: { atMs: number; reason: CredentialExpiryReason }[] = [];
  if (credential.type === 'api_token') {
    if (credential.expiresAtMs !== undefined) candidates.push({ atMs: credential.expiresAtMs, reason: 'api_token_expired' });
    if (policy.apiTokenMaxAgeDays !== null) candidates.push({ atMs: credential.createdAtMs + policy.apiTokenMaxAgeDays * DAY_MS, reason: 'api_token_max_age' });
  } else if (credential.secretIssuedAtMs !== undefined && policy.clientSecretMaxAgeDays !== null) {
    candidates.push({ atMs: credential.secretIssuedAtMs + policy.clientSecretMaxAgeDays * DAY_MS, reason: 'client_secret_max_age' });
  }
  return candidates.sort((a, b) => a.atMs - b.atMs)[0];
}
