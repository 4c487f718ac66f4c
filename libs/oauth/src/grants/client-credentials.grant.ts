import { accessTokenLifetime, decideAudience, decideScopes, isValidResourceIndicator } from '@keyward/domain';
import type { ClientCredentialView, OrganizationPolicyLookup } from '@keyward/projections';
import type { DPoPProofVerifier } from '../dpop/dpop-proof-verifier';
import { parseScopeParameter } from '../endpoint/oauth-form';
import { InvalidScope, InvalidTarget } from '../errors/oauth-errors';
import { certificateBinding } from '../mtls/certificate-binding';
import type { PresentedCertificate } from '../mtls/presented-certificate';
import type { GrantHandler, GrantRequest, TokenGrant } from '../token-endpoint/grant-handler';

export const CLIENT_CREDENTIALS = 'client_credentials';

export interface ClientCredentialsSettings {
  /** Lifetime of tokens whose credential sets none (capped by the org policy). */
  readonly accessTokenTtlSeconds: number;
  /** The issuer: aud of tokens whose credential lists no audience. */
  readonly issuer: string;
  /** The token endpoint URL, which DPoP proofs name as htu (RFC 9449 §4.2). */
  readonly tokenEndpoint: string;
}

/** RFC 6749 §4.4: the client asks for a token for itself: its scopes, its audiences, its lifetime; DPoP-bound if it sends a proof. */
export class ClientCredentialsGrant implements GrantHandler {
  constructor(
    private readonly deps: {
      readonly policies: OrganizationPolicyLookup;
      readonly dpop: DPoPProofVerifier;
      readonly settings: ClientCredentialsSettings;
    },
  ) {}

  grant({ client, form, repeated, dpop, certificate }: GrantRequest): TokenGrant | Promise<TokenGrant> {
    const { credential } = client;
    const { settings } = this.deps;
    const scopes = decideScopes(credential.scopes, parseScopeParameter(form.scope));
    if (!scopes.granted) throw new InvalidScope(scopes.description, scopes.reason);
    const audience = decideAudience(credential.audiences, settings.issuer, requestedAudiences(repeated));
    if (!audience.granted) throw new InvalidTarget(audience.description, audience.reason);
    // Most clients send no DPoP proof: no verifier call, no promise, decided at once.
    if (dpop === undefined) return this.bound(credential, scopes.scopes, audience.audience, certificate, undefined);
    return this.deps.dpop
      .verify(dpop, 'POST', settings.tokenEndpoint, credential)
      .then((proof) => this.bound(credential, scopes.scopes, audience.audience, certificate, proof?.jkt));
  }

  /** The lifetime, and what the token is bound to: the DPoP key it proved (RFC 9449 §6.1), the client certificate (RFC 8705 §3). */
  private bound(
    credential: ClientCredentialView,
    scopes: TokenGrant['scopes'],
    audience: TokenGrant['audience'],
    certificate: PresentedCertificate | undefined,
    jkt: string | undefined,
  ): TokenGrant {
    const x5tS256 = certificateBinding(credential, certificate);
    const cap = this.deps.policies.policyOf(credential.organizationId).maxAccessTokenLifetimeSeconds;
    const lifetimeSeconds = accessTokenLifetime(credential.accessTokenLifetimeSeconds, this.deps.settings.accessTokenTtlSeconds, cap);
    const grant = { scopes, audience, lifetimeSeconds };
    if (!jkt && !x5tS256) return grant;
    return { ...grant, ...(jkt ? { jkt } : {}), ...(x5tS256 ? { x5tS256 } : {}) };
  }
}

/** RFC 8707 §2: each resource is an absolute URI without fragment; audience values are logical names. */
function requestedAudiences(repeated: GrantRequest['repeated']): string[] {
  const resources = repeated('resource');
  if (resources.some((resource) => !isValidResourceIndicator(resource))) {
    throw new InvalidTarget('resource must be an absolute URI without a fragment (RFC 8707 §2)', 'resource_malformed');
  }
  return [...resources, ...repeated('audience')];
}
