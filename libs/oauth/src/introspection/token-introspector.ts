import { credentialExpiry, credentialUsability, type ExpiryFacts, type UsabilityFacts } from '@keyward/domain';
import type {
  ApiTokenLookup,
  ClientCredentialLookup,
  ClientCredentialView,
  OrganizationPolicyLookup,
  RevokedAccessTokenLookup,
} from '@keyward/projections';
import type { AccessTokenReader } from '../access-token/access-token-reader';
import { isWellFormedSecret } from '../secrets/generated-secret';
import type { SecretDigester } from '../secrets/secret-digester';
import { INACTIVE, type IntrospectionResponse } from './introspection-response';

/**
 * RFC 7662 §2.2 answers for keyward's JWT access tokens and its opaque API tokens. A token is active
 * only while authentic, unexpired, not revoked, its credential neither revoked nor expired and its
 * account active. A caller sees tokens of its own organization only: others are `active: false`.
 */
export class TokenIntrospector {
  constructor(
    private readonly deps: {
      readonly accessTokens: AccessTokenReader;
      readonly credentials: ClientCredentialLookup & ApiTokenLookup & OrganizationPolicyLookup;
      readonly revoked: RevokedAccessTokenLookup;
      readonly digester: SecretDigester;
      readonly issuer: string;
      readonly clock: () => Date;
    },
  ) {}

  async introspect(token: string, caller: ClientCredentialView): Promise<IntrospectionResponse> {
    if (isWellFormedSecret('apiToken', token)) return this.introspectApiToken(token, caller);
    return this.introspectAccessToken(token, caller);
  }

  private async introspectAccessToken(token: string, caller: ClientCredentialView): Promise<IntrospectionResponse> {
    const claims = await this.deps.accessTokens.read(token);
    if (!claims || claims.organizationId !== caller.organizationId || this.deps.revoked.isRevoked(claims.jti)) return INACTIVE;
    const credential = this.deps.credentials.findByClientId(claims.clientId);
    if (!credential || credential.organizationId !== claims.organizationId || !this.usable(credential)) return INACTIVE;
    return {
      active: true,
      scope: claims.scope,
      client_id: claims.clientId,
      // RFC 9449 §5: DPoP-bound tokens are of type DPoP; certificate-bound ones stay Bearer (RFC 8705 §3).
      token_type: claims.cnf?.jkt ? 'DPoP' : 'Bearer',
      exp: claims.exp,
      iat: claims.iat,
      sub: claims.sub,
      aud: claims.aud,
      iss: claims.iss,
      jti: claims.jti,
      ...(claims.cnf ? { cnf: claims.cnf } : {}),
      org_id: claims.organizationId,
      token_kind: 'access_token',
    };
  }

  private introspectApiToken(token: string, caller: ClientCredentialView): IntrospectionResponse {
    const view = this.deps.credentials.findByDigest(this.deps.digester.digest(token));
    if (!view || view.organizationId !== caller.organizationId || !this.usable(view)) return INACTIVE;
    const expiry = credentialExpiry(view, this.deps.credentials.policyOf(view.organizationId));
    return {
      active: true,
      scope: view.scopes.join(' '),
      token_type: 'Bearer',
      exp: Math.floor((expiry?.atMs ?? view.expiresAtMs) / 1000),
      iat: Math.floor(view.createdAtMs / 1000),
      sub: view.serviceAccountId,
      iss: this.deps.issuer,
      org_id: view.organizationId,
      token_kind: 'api_token',
    };
  }

  private usable(credential: UsabilityFacts & ExpiryFacts & { readonly organizationId: string }): boolean {
    return credentialUsability(credential, this.deps.credentials.policyOf(credential.organizationId), this.deps.clock().getTime()).usable;
  }
}
