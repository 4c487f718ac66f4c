/**
 * Stream `token_issuance-{organizationId}` (`token_issuance-unknown` for refusals of unknown clients).
 * Appended with no revision check: issuance never conflicts, and the store groups these appends.
 */
export interface AccessTokenIssuedData {
  readonly jti: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly credentialId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly audience: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly sourceIp: string;
  readonly userAgent: string;
}

export type TokenRefusalError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope' | 'unauthorized_client' | 'unsupported_grant_type';

export interface TokenRequestRefusedData {
  readonly error: TokenRefusalError;
  /** Why, for the security team: more precise than the RFC error the client sees (e.g. wrong_secret vs unknown_client). */
  readonly reason: string;
  readonly clientId?: string;
  readonly organizationId?: string;
  readonly serviceAccountId?: string;
  readonly credentialId?: string;
  readonly refusedAt: string;
  readonly sourceIp: string;
  readonly userAgent: string;
}

export type TokenIssuanceEvent =
  | { readonly type: 'AccessTokenIssued'; readonly data: AccessTokenIssuedData }
  | { readonly type: 'TokenRequestRefused'; readonly data: TokenRequestRefusedData };

export const TOKEN_ISSUANCE_EVENT_TYPES: readonly TokenIssuanceEvent['type'][] = ['AccessTokenIssued', 'TokenRequestRefused'];

export const tokenIssuanceStream = (organizationId: string | undefined): string => `token_issuance-${organizationId ?? 'unknown'}`;
