import type {
  CredentialType,
  FederationTrust,
  RegisteredClientCertificate,
  ServiceAccountStatus,
  TlsClientAuthName,
  TokenEndpointAuthMethod,
} from '@keyward/domain';

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
  /** federated_jwt: the provider it trusts and the conditions on its tokens. */
  readonly federation: FederationTrust | null;
  /** tls_client_auth: the certificate name it registered (RFC 8705 §2.1.2). */
  readonly tlsClientAuth: TlsClientAuthName | null;
  /** self_signed_tls_client_auth: its certificates, by thumbprint. */
  readonly certificates: readonly RegisteredClientCertificate[];
  /** RFC 8705 §3: its access tokens are bound to its client certificate. */
  readonly certificateBoundAccessTokens: boolean;
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
