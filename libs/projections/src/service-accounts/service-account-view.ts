import type { CredentialType, ServiceAccountStatus, TokenEndpointAuthMethod } from '@keyward/domain';

/** What admins read: never a secret, never a digest. */
export interface CredentialSummary {
  readonly id: string;
  readonly type: CredentialType;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly clientId: string | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly secretRotatedAt: string | null;
  readonly previousSecretExpiresAt: string | null;
  readonly revokedAt: string | null;
  /** Set once the expiry sweeper recorded CredentialExpired. */
  readonly expiredAt: string | null;
  /** oauth_client: how it authenticates; private_key_jwt clients list their key ids (public keys only). */
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod | null;
  readonly publicKeyIds: readonly string[];
  readonly audiences: readonly string[];
  readonly accessTokenLifetimeSeconds: number | null;
}

export interface ServiceAccountSummary {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly description: string;
  readonly owner: string | null;
  readonly tags: readonly string[];
  readonly status: Exclude<ServiceAccountStatus, 'deleted'>;
  readonly createdAt: string;
}

export interface ServiceAccountDetails extends ServiceAccountSummary {
  readonly credentials: readonly CredentialSummary[];
}

/** List filters: every one given must hold. The owner is matched ignoring case; a tag exactly. */
export interface ServiceAccountFilter {
  readonly owner?: string;
  readonly tag?: string;
}
