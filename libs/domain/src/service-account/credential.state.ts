import type { FederationTrust } from '../federation/federation-trust';
import type { RegisteredClientCertificate, TlsClientAuthName } from '../mtls/tls-client-auth';

export type CredentialType = 'oauth_client' | 'api_token';

/**
 * RFC 7591 §2 `token_endpoint_auth_method`: how an OAuth client was registered to authenticate.
 * A client_secret_basic client may also send its secret in the body (client_secret_post, RFC 6749 §2.3.1).
 * Room for RFC 8705 tls_client_auth and federated clients: each is one more variant of OAuthClientState.
 */
export type TokenEndpointAuthMethod = 'client_secret_basic' | 'private_key_jwt' | SecretlessTokenEndpointAuthMethod;

/**
 * Methods that hold neither a secret nor signing keys: `federated_jwt` (keyward's name: a client assertion
 * issued by an external OpenID Provider the client trusts, RFC 7523 §2.2 on the wire) and RFC 8705 §2's
 * certificate methods.
 */
export type SecretlessTokenEndpointAuthMethod = 'federated_jwt' | 'tls_client_auth' | 'self_signed_tls_client_auth';

/** A client's public key for private_key_jwt (RFC 7517 JWK, public members only, with a kid). */
export type ClientPublicJwk = Readonly<Record<string, unknown>> & { readonly kid: string; readonly kty: string };

export interface ClientSecrets {
  readonly currentDigest: string;
  /** After a rotation, the previous secret keeps working until expiresAt (at most two valid at once). */
  readonly previous?: { readonly digest: string; readonly expiresAt: string };
}

export type CredentialExpiryReason = 'api_token_expired' | 'api_token_max_age' | 'client_secret_max_age';

interface CredentialBase {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly revokedAt?: string;
  readonly expiredAt?: string;
  /** The last reminder recorded: for which expiry instant, at which threshold. */
  readonly lastReminder?: { readonly dueAt: string; readonly thresholdDays: number };
  /** When each kind of suspicious activity was last recorded for it. */
  readonly suspiciousAt?: Readonly<Record<string, string>>;
}

interface OAuthClientBase extends CredentialBase {
  readonly type: 'oauth_client';
  readonly clientId: string;
  /** RFC 8707: the audiences its tokens may name; the first is the default. Empty: the issuer only. */
  readonly audiences: readonly string[];
  /** Its access tokens' lifetime; the server default when absent. Capped by the org policy at issue. */
  readonly accessTokenLifetimeSeconds?: number;
  /** RFC 8705 §3.4 tls_client_certificate_bound_access_tokens: its tokens are bound to its certificate (always for the certificate methods). */
  readonly certificateBoundAccessTokens?: boolean;
}

/** A client authenticating with a shared secret (RFC 6749 §2.3.1). */
export interface SecretClientState extends OAuthClientBase {
  readonly tokenEndpointAuthMethod: 'client_secret_basic';
  readonly secrets: ClientSecrets;
  /** When the current secret was issued (creation or last rotation): the org's max secret age counts from here. */
  readonly secretIssuedAt: string;
}

/** A client authenticating with JWTs signed by its keys (RFC 7523 §2.2): it holds no secret at all. */
export interface KeyClientState extends OAuthClientBase {
  readonly tokenEndpointAuthMethod: 'private_key_jwt';
  readonly publicKeys: readonly ClientPublicJwk[];
}

/** Workload identity federation: it trusts tokens an external OpenID Provider issues to a workload. */
export interface FederatedClientState extends OAuthClientBase {
  readonly tokenEndpointAuthMethod: 'federated_jwt';
  readonly federation: FederationTrust;
}

/** RFC 8705 §2.1: a certificate from the configured client CA carrying this name. */
export interface TlsClientState extends OAuthClientBase {
  readonly tokenEndpointAuthMethod: 'tls_client_auth';
  readonly tlsClientAuth: TlsClientAuthName;
}

/** RFC 8705 §2.2: one of these self-signed certificates, matched by thumbprint. */
export interface SelfSignedTlsClientState extends OAuthClientBase {
  readonly tokenEndpointAuthMethod: 'self_signed_tls_client_auth';
  readonly certificates: readonly RegisteredClientCertificate[];
}

export type OAuthClientState = SecretClientState | KeyClientState | FederatedClientState | TlsClientState | SelfSignedTlsClientState;

/** A bearer API token (`kw_at_…`), introspected by resource servers; it never gets access tokens. */
export interface ApiTokenState extends CredentialBase {
  readonly type: 'api_token';
  readonly tokenDigest: string;
  readonly expiresAt: string;
}

export type CredentialState = OAuthClientState | ApiTokenState;

export const isCredentialActive = (credential: CredentialState): boolean =>
  credential.revokedAt === undefined && credential.expiredAt === undefined;
