export type CredentialType = 'oauth_client' | 'api_token';

/** A client's public key for private_key_jwt (RFC 7517 JWK, public members only, with a kid). */
export type ClientPublicJwk = Readonly<Record<string, unknown>> & { readonly kid: string; readonly kty: string };

export interface ClientSecrets {
  readonly currentDigest: string;
  /** After a rotation, the previous secret keeps working until expiresAt (at most two valid at once). */
  readonly previous?: { readonly digest: string; readonly expiresAt: string };
}

export type CredentialExpiryReason = 'api_token_expired' | 'api_token_max_age' | 'client_secret_max_age';

export interface CredentialState {
  readonly id: string;
  readonly type: CredentialType;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly revokedAt?: string;
  readonly expiredAt?: string;
  /** oauth_client only: a secret, or public keys for private_key_jwt (RFC 7523), never both. */
  readonly clientId?: string;
  readonly secrets?: ClientSecrets;
  /** When the current secret was issued (creation or last rotation): the org's max secret age counts from here. */
  readonly secretIssuedAt?: string;
  readonly publicKeys?: readonly ClientPublicJwk[];
  /** RFC 8707: the audiences its tokens may name; the first is the default. Empty: the issuer only. */
  readonly audiences?: readonly string[];
  /** Its access tokens' lifetime; the server default when absent. Capped by the org policy at issue. */
  readonly accessTokenLifetimeSeconds?: number;
  /** api_token only. */
  readonly tokenDigest?: string;
  readonly expiresAt?: string;
}

export const isCredentialActive = (credential: CredentialState): boolean => credential.revokedAt === undefined && credential.expiredAt === undefined;
