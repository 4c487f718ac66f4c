import type { TokenRefusalReason } from './token-refusal-reasons';
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
  /** RFC 8707: one audience, or several when the client asked for several resources. */
  readonly audience: string | readonly string[];
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** The grant_type it was issued for (RFC 6749 §4.4 client_credentials, or an extension grant). Absent on tokens issued before grants were recorded: those were all client_credentials. */
  readonly grantType?: string;
  /** RFC 9449: DPoP when the token is bound to the key of a DPoP proof (its RFC 7638 thumbprint is jkt). */
  readonly tokenType?: 'Bearer' | 'DPoP';
  readonly jkt?: string;
  readonly authMethod?:
    'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'tls_client_auth' | 'self_signed_tls_client_auth';
  /** Workload identity federation: the external provider's iss and sub of the token the client authenticated with. */
  readonly federatedIssuer?: string;
  readonly federatedSubject?: string;
  /** RFC 8705 §3.1: the thumbprint of the client certificate a certificate-bound token is bound to (cnf.x5t#S256). */
  readonly x5tS256?: string;
  readonly kid?: string;
}

/** RFC 7009: the token stays inactive at introspection until it would have expired. */
export interface AccessTokenRevokedData {
  readonly jti: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly clientId: string;
  readonly expiresAt: string;
  readonly revokedAt: string;
  /** The client that asked (the token's own client, or an admin client of the organization). */
  readonly revokedByClientId: string;
}

export type TokenRefusalError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'invalid_target'
  | 'invalid_dpop_proof'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  /** A federated client's identity provider could not be reached, or the organization's live jtis fill its bound (fail closed). */
  | 'temporarily_unavailable'
  | 'too_many_requests';

/** Which endpoint refused: the token endpoint when absent (events recorded before introspection and revocation were). */
export type RefusingEndpoint = 'token' | 'introspection' | 'revocation';

export interface TokenRequestRefusedData {
  readonly error: TokenRefusalError;
  /** Why, for the security team: more precise than the RFC error the client sees (e.g. wrong_secret vs unknown_client); one of TOKEN_REFUSAL_REASONS. */
  readonly reason: TokenRefusalReason;
  readonly endpoint?: RefusingEndpoint;
  /**
   * Refusals this event stands for: absent for one. The first refusal of a (client_id or source
   * address, reason) in a window is recorded alone; the rest of the window as one event with their
   * count, the first of them at firstRefusedAt and the last at refusedAt.
   */
  readonly count?: number;
  readonly firstRefusedAt?: string;
  /** client_locked_out: how long the lockout that this refusal started lasts. */
  readonly lockoutSeconds?: number;
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
  | { readonly type: 'TokenRequestRefused'; readonly data: TokenRequestRefusedData }
  | { readonly type: 'AccessTokenRevoked'; readonly data: AccessTokenRevokedData };

export const TOKEN_ISSUANCE_EVENT_TYPES: readonly TokenIssuanceEvent['type'][] = [
  'AccessTokenIssued',
  'TokenRequestRefused',
  'AccessTokenRevoked',
];

export const tokenIssuanceStream = (organizationId: string | undefined): string => `token_issuance-${organizationId ?? 'unknown'}`;
