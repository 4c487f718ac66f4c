import type {
  ClientPublicJwk,
  FederationTrust,
  OrganizationPolicy,
  RegisteredClientCertificate,
  ServiceAccountStatus,
  TlsClientAuthName,
} from '@keyward/domain';

interface CredentialViewBase {
  readonly credentialId: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly scopes: readonly string[];
  readonly createdAtMs: number;
  readonly revoked: boolean;
  /** CredentialExpired was recorded. Expiry is also judged by time (credentialUsability), before the sweeper records it. */
  readonly expired: boolean;
  readonly accountStatus: ServiceAccountStatus;
}

interface ClientViewBase extends CredentialViewBase {
  readonly type: 'oauth_client';
  readonly clientId: string;
  /** RFC 8707 audiences it may ask for, the first being the default. */
  readonly audiences: readonly string[];
  readonly accessTokenLifetimeSeconds?: number;
  /** RFC 8705 §3: its tokens must be bound to the client certificate of the request (always for the certificate methods). */
  readonly certificateBoundAccessTokens: boolean;
}

/** client_secret_basic / client_secret_post: digests only, never the secret. */
export interface SecretClientView extends ClientViewBase {
  readonly tokenEndpointAuthMethod: 'client_secret_basic';
  readonly currentSecretDigest: string;
  readonly previousSecret?: { readonly digest: string; readonly expiresAtMs: number };
  readonly secretIssuedAtMs: number;
}

/** private_key_jwt (RFC 7523): its public keys. The array is replaced on change, never mutated. */
export interface KeyClientView extends ClientViewBase {
  readonly tokenEndpointAuthMethod: 'private_key_jwt';
  readonly publicKeys: readonly ClientPublicJwk[];
}

/** What the token endpoint needs to authenticate a client and decide a grant: one variant per registered auth method. */
/** Workload identity federation: the external provider it trusts and the conditions on its tokens. */
export interface FederatedClientView extends ClientViewBase {
  readonly tokenEndpointAuthMethod: 'federated_jwt';
  readonly federation: FederationTrust;
}

/** RFC 8705 §2.1: a certificate of the client CA carrying this name. */
export interface TlsClientView extends ClientViewBase {
  readonly tokenEndpointAuthMethod: 'tls_client_auth';
  readonly tlsClientAuth: TlsClientAuthName;
}

/** RFC 8705 §2.2: one of these self-signed certificates, by thumbprint. */
export interface SelfSignedTlsClientView extends ClientViewBase {
  readonly tokenEndpointAuthMethod: 'self_signed_tls_client_auth';
  readonly certificates: readonly RegisteredClientCertificate[];
}

export type ClientCredentialView = SecretClientView | KeyClientView | FederatedClientView | TlsClientView | SelfSignedTlsClientView;

export interface ApiTokenView extends CredentialViewBase {
  readonly type: 'api_token';
  readonly expiresAtMs: number;
}

export type CredentialView = ClientCredentialView | ApiTokenView;

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
