import type { ServiceAccountStatus } from '@keyward/domain';

/** What the token endpoint needs to authenticate a client and decide a grant: no secret, only digests. */
export interface ClientCredentialView {
  readonly credentialId: string;
  readonly clientId: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly scopes: readonly string[];
  readonly currentSecretDigest: string;
  readonly previousSecret?: { readonly digest: string; readonly expiresAtMs: number };
  readonly revoked: boolean;
  readonly accountStatus: ServiceAccountStatus;
}

export interface ApiTokenView {
  readonly credentialId: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly scopes: readonly string[];
  readonly expiresAtMs: number;
  readonly revoked: boolean;
  readonly accountStatus: ServiceAccountStatus;
}

/** The token endpoint's only read path (a one-method query port). */
export interface ClientCredentialLookup {
  findByClientId(clientId: string): ClientCredentialView | undefined;
}

export interface ApiTokenLookup {
  findByDigest(tokenDigest: string): ApiTokenView | undefined;
}
