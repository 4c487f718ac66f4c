export type CredentialType = 'oauth_client' | 'api_token';

/**
 * RFC 7591 §2 `token_endpoint_auth_method`: how an OAuth client was registered to authenticate.
 * A client_secret_basic client may also send its secret in the body (client_secret_post, RFC 6749 §2.3.1).
 * Room for RFC 8705 tls_client_auth and federated clients: each is one more variant of OAuthClientState.
 */
export type TokenEndpointAuthMethod = 'client_secret_basic' | 'private_key_jwt';

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
}

interface OAuthClientBase extends CredentialBase {
  readonly type: 'oauth_client';
  readonly clientId: string;
  /** RFC 8707: the audiences its tokens may name; the first is the default. Empty: the issuer only. */
  readonly audiences: readonly string[];
  /** Its access tokens' lifetime; the server default when absent. Capped by the org policy at issue. */
  readonly accessTokenLifetimeSeconds?: number;
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

export type OAuthClientState = SecretClientState | KeyClientState;

/** A bearer API token (`kw_at_…`), introspected by resource servers; it never gets access tokens. */
export interface ApiTokenState extends CredentialBase {
  readonly type: 'api_token';
  readonly tokenDigest: string;
  readonly expiresAt: string;
}

export type CredentialState = OAuthClientState | ApiTokenState;

export const isCredentialActive = (credential: CredentialState): boolean => credential.revokedAt === undefined && credential.expiredAt === undefined;
