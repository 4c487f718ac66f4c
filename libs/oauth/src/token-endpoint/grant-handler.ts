import type { AuthenticatedClient } from '../client-authentication/client-authenticator';
import type { OAuthForm } from '../endpoint/oauth-form';
import type { PresentedCertificate } from '../mtls/presented-certificate';

/** What a grant handler reads: the authenticated client and the request's parameters. */
export interface GrantRequest {
  readonly client: AuthenticatedClient;
  /** Single-valued parameters (RFC 6749 §3.2), grant_type included. */
  readonly form: OAuthForm;
  /** Every value of a parameter the endpoint lets repeat (RFC 8707 §2 `resource`, `audience`). */
  readonly repeated: (name: string) => readonly string[];
  /** The DPoP header(s), verified by the grant that binds its token (RFC 9449 §4.3). */
  readonly dpop: string | string[] | undefined;
  /** RFC 8705 §3: the client certificate a certificate-bound token would be bound to. */
  readonly certificate: PresentedCertificate | undefined;
}

/** What the grant decided to issue. The endpoint signs it, records AccessTokenIssued durably, and answers. */
export interface TokenGrant {
  readonly scopes: readonly string[];
  /** RFC 8707 / RFC 9068 §2.2: one audience, or several resources. */
  readonly audience: string | readonly string[];
  readonly lifetimeSeconds: number;
  /** RFC 9449 §6.1: the thumbprint of the DPoP key the token is bound to. */
  readonly jkt?: string;
  /** RFC 8705 §3.1: the thumbprint of the client certificate the token is bound to. */
  readonly x5tS256?: string;
}

/**
 * One grant type (RFC 6749 §4, §8.3 extension grants). It decides or throws an OAuthError; it never
 * signs, records or answers: the token endpoint does that the same way for every grant.
 */
export interface GrantHandler {
  /** Synchronous when the decision needs no I/O (the endpoint then awaits nothing for it). */
  grant(request: GrantRequest): TokenGrant | Promise<TokenGrant>;
}

/** Handlers by grant_type value: the token endpoint's dispatch table (panva/node-oidc-provider `grants/index.js`). */
export type GrantHandlers = Readonly<Record<string, GrantHandler>>;
