// The admin API's shapes as the console reads them (apps/server/src/admin, libs/projections).

export type ServiceAccountStatus = 'active' | 'suspended';
export type CredentialType = 'oauth_client' | 'api_token';

export interface ServiceAccountListItem {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly status: ServiceAccountStatus;
  readonly createdAt: string;
  readonly owner?: string | null;
  readonly tags?: readonly string[];
  readonly activeCredentials: number;
  readonly lastUsedAt: string | null;
}

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
  readonly expiredAt: string | null;
  readonly tokenEndpointAuthMethod: 'client_secret_basic' | 'private_key_jwt' | null;
  readonly audiences: readonly string[];
  readonly accessTokenLifetimeSeconds: number | null;
}

export interface ServiceAccountDetails extends Omit<ServiceAccountListItem, 'activeCredentials' | 'lastUsedAt'> {
  readonly credentials: readonly CredentialSummary[];
}

export interface Scope {
  readonly name: string;
  readonly description: string;
  readonly builtIn: boolean;
}

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly plan: string;
  readonly quota: number;
  readonly used: number;
  readonly createdAt: string;
}

export interface OrganizationPolicy {
  readonly maxAccessTokenLifetimeSeconds?: number | null;
  readonly clientSecretMaxAgeDays?: number | null;
  readonly apiTokenMaxAgeDays?: number | null;
}

export type CreatedCredential =
  | { readonly id: string; readonly type: 'oauth_client'; readonly name: string; readonly clientId: string; readonly clientSecret?: string }
  | { readonly id: string; readonly type: 'api_token'; readonly name: string; readonly token: string; readonly expiresAt: string };

export interface RotatedClientSecret {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly previousSecretExpiresAt: string;
}

/** A CloudEvents 1.0 audit record with its store position (the paging cursor). */
export interface AuditRecord {
  readonly position: string;
  readonly id: string;
  readonly type: string;
  readonly subject?: string;
  readonly time: string;
  readonly data: {
    readonly actor?: string;
    readonly serviceAccountId?: string;
    readonly credentialId?: string;
    readonly outcome?: string;
    readonly sourceIp?: string;
    readonly details?: Record<string, unknown>;
  };
}

export interface AuditPage {
  readonly items: readonly AuditRecord[];
  readonly next: string | null;
}
