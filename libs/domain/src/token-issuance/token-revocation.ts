import type { AccessTokenRevokedData } from './token-issuance.events';

/** The client calling the revocation endpoint, authenticated (RFC 7009 §2.1). */
export interface RevokingClient {
  readonly clientId: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly scopes: readonly string[];
}

export interface RevocableAccessToken {
  readonly jti: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly clientId: string;
  readonly expiresAtMs: number;
  readonly alreadyRevoked: boolean;
}

export interface RevocableApiToken {
  readonly credentialId: string;
  readonly organizationId: string;
  readonly serviceAccountId: string;
  readonly active: boolean;
}

export type RevocationDecision<T> =
  | { readonly outcome: 'revoke'; readonly revocation: T }
  /** RFC 7009 §2.2: 200 and nothing done, for a token that is unknown, expired, revoked already or another tenant's. */
  | { readonly outcome: 'nothing_to_do'; readonly reason: string }
  | { readonly outcome: 'refused'; readonly error: 'unauthorized_client'; readonly description: string };

const ADMIN_SCOPE = 'manage:service-accounts';

/**
 * RFC 7009 §2.1: the server checks that the token was issued to the client asking. An admin client of
 * the same organization may revoke any of its tokens too. Another organization's token is treated like
 * an unknown one, so the answer tells nothing about other tenants.
 */
export function decideAccessTokenRevocation(
  token: RevocableAccessToken,
  caller: RevokingClient,
  now: Date,
): RevocationDecision<AccessTokenRevokedData> {
  if (token.organizationId !== caller.organizationId) return { outcome: 'nothing_to_do', reason: 'other_organization' };
  if (token.expiresAtMs <= now.getTime()) return { outcome: 'nothing_to_do', reason: 'expired' };
  if (token.alreadyRevoked) return { outcome: 'nothing_to_do', reason: 'revoked_already' };
  if (token.clientId !== caller.clientId && !caller.scopes.includes(ADMIN_SCOPE)) {
    return { outcome: 'refused', error: 'unauthorized_client', description: 'this token was issued to another client' };
  }
  const { jti, organizationId, serviceAccountId, clientId } = token;
  return {
    outcome: 'revoke',
    revocation: {
      jti,
      organizationId,
      serviceAccountId,
      clientId,
      expiresAt: new Date(token.expiresAtMs).toISOString(),
      revokedAt: now.toISOString(),
      revokedByClientId: caller.clientId,
    },
  };
}

/** An API token is a credential of a service account: a client of that account, or an org admin client, may revoke it. */
export function decideApiTokenRevocation(
  token: RevocableApiToken,
  caller: RevokingClient,
): RevocationDecision<{ readonly credentialId: string; readonly serviceAccountId: string }> {
  if (token.organizationId !== caller.organizationId) return { outcome: 'nothing_to_do', reason: 'other_organization' };
  if (!token.active) return { outcome: 'nothing_to_do', reason: 'inactive_already' };
  if (token.serviceAccountId !== caller.serviceAccountId && !caller.scopes.includes(ADMIN_SCOPE)) {
    return { outcome: 'refused', error: 'unauthorized_client', description: 'this API token belongs to another service account' };
  }
  return { outcome: 'revoke', revocation: { credentialId: token.credentialId, serviceAccountId: token.serviceAccountId } };
}
