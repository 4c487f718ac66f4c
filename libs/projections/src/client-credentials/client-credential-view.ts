import type { ClientPublicJwk, OrganizationPolicy, ServiceAccountStatus } from '@keyward/domain';

/** What the token endpoint needs to authenticate a client and decide a grant: no secret, only digests and public keys. */
export interface ClientCredentialView {
  readonly credentialId: string;
  readonly clientId: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly scopes: readonly string[];
  /** client_secret_basic / client_secret_post, or private_key_jwt (RFC 7523) with publicKeys. */
  readonly authMethod: 'client_secret' | 'private_key_jwt';
  readonly currentSecretDigest?: string;
  readonly previousSecret?: { readonly digest: string; readonly expiresAtMs: number };
  readonly secretIssuedAtMs?: number;
  readonly publicKeys: readonly ClientPublicJwk[];
  /** RFC 8707 audiences it may ask for, the first being the default. */
  readonly audiences: readonly string[];
  readonly accessTokenLifetimeSeconds?: number;
  readonly createdAtMs: number;
  readonly revoked: boolean;
  /** CredentialExpired was recorded. Expiry is also judged by time, before the sweeper records it. */
  readonly expired: boolean;
  readonly accountStatus: ServiceAccountStatus;
}

export interface ApiTokenView {
  readonly credentialId: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly scopes: readonly string[];
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly revoked: boolean;
  readonly expired: boolean;
  readonly accountStatus: ServiceAccountStatus;
}

/** The token endpoint's only read path (a one-method query port). */
export interface ClientCredentialLookup {
  findByClientId(clientId: string): ClientCredentialView | undefined;
}

export interface ApiTokenLookup {
  findByDigest(tokenDigest: string): ApiTokenView | undefined;
}

/** The organization's limits (token lifetime cap, secret and API token max ages), in memory. */
export interface OrganizationPolicyLookup {
  policyOf(organizationId: string): OrganizationPolicy;
}
