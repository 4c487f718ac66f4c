import type { CredentialType, ServiceAccountStatus } from '@keyward/domain';

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
}

export interface ServiceAccountSummary {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly description: string;
  readonly status: Exclude<ServiceAccountStatus, 'deleted'>;
  readonly createdAt: string;
}

export interface ServiceAccountDetails extends ServiceAccountSummary {
  readonly credentials: readonly CredentialSummary[];
}
