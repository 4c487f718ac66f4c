export type CredentialType = 'oauth_client' | 'api_token';

export interface ClientSecrets {
  readonly currentDigest: string;
  /** After a rotation, the previous secret keeps working until expiresAt (at most two valid at once). */
  readonly previous?: { readonly digest: string; readonly expiresAt: string };
}

export interface CredentialState {
  readonly id: string;
  readonly type: CredentialType;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly revokedAt?: string;
  /** oauth_client only. */
  readonly clientId?: string;
  readonly secrets?: ClientSecrets;
  /** api_token only. */
  readonly tokenDigest?: string;
  readonly expiresAt?: string;
}

export const isCredentialActive = (credential: CredentialState): boolean => credential.revokedAt === undefined;
