import { accessTokenLifetime, decideAudience, decideTokenGrant, isValidResourceIndicator, type TokenRefusalError } from '@keyward/domain';
import type { ClientCredentialLookup, ClientCredentialView, OrganizationPolicyLookup } from '@keyward/projections';
import { readClientCredentials, type PresentedClientCredentials } from '../client-authentication/client-authentication';
import type { ClientAuthenticator } from '../client-authentication/client-authenticator';
import type { DPoPProofVerifier } from '../dpop/dpop-proof-verifier';
import { InvalidClient, InvalidRequest, InvalidScope, InvalidTarget, OAuthError, TemporarilyUnavailable, UnauthorizedClient, UnsupportedGrantType } from '../errors/oauth-errors';
import { isWellFormedClientId } from '../secrets/generated-secret';
import type { AccessTokenSigner } from './access-token-signer';
import type { RequestContext, TokenIssuanceRecorder } from './token-issuance-recorder';
import { parseScopeParameter, readRepeatedParameter, readTokenForm, type TokenHttpRequest } from './token-request';

export interface TokenEndpointSettings {
  /** Lifetime of tokens whose credential sets none (capped by the org policy). */
  readonly accessTokenTtlSeconds: number;
  /** The issuer: aud of tokens whose credential lists no audience. */
  readonly issuer: string;
  /** The token endpoint URL, which DPoP proofs name as htu (RFC 9449 §4.2). */
  readonly tokenEndpoint: string;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer' | 'DPoP';
  readonly expires_in: number;
  readonly scope: string;
}

export interface TokenEndpointRequest extends TokenHttpRequest {
  readonly dpop?: string | string[];
}

/** RFC 8707 §2 `resource` and the `audience` parameter may repeat; nothing else may (RFC 6749 §3.2). */
const REPEATABLE = ['resource', 'audience'];

/**
 * RFC 6749 §4.4: authenticate the client, decide the grant, sign, record durably, answer.
 * Every outcome is recorded: the token only after its AccessTokenIssued event is durable (fail closed).
 * Everything before the append reads memory only.
 */
export class ClientCredentialsGrant {
  constructor(
    private readonly authenticator: ClientAuthenticator,
    private readonly credentials: ClientCredentialLookup & OrganizationPolicyLookup,
    private readonly dpop: DPoPProofVerifier,
    private readonly signer: AccessTokenSigner,
    private readonly recorder: TokenIssuanceRecorder,
    private readonly settings: TokenEndpointSettings,
    private readonly clock: () => Date,
    private readonly newId: () => string,
  ) {}

  async handle(request: TokenEndpointRequest, context: RequestContext): Promise<TokenResponse> {
    let presented: PresentedClientCredentials | undefined;
    let credential: ClientCredentialView | undefined;
    try {
      const form = readTokenForm(request, REPEATABLE);
      presented = readClientCredentials(request.authorization, form);
      credential = await this.authenticator.authenticate(presented, this.settings.tokenEndpoint);
      if (form.grant_type === undefined) throw new InvalidRequest('grant_type is required');
      if (form.grant_type !== 'client_credentials') throw new UnsupportedGrantType(`grant_type ${form.grant_type} is not supported; use client_credentials`);
      // A secret past the org's max age was refused by the authenticator already; `expired` is the recorded fact.
      const usedBasic = presented.method === 'client_secret_basic';
      const decision = decideTokenGrant(credential, parseScopeParameter(form.scope));
      if (!decision.granted) throw toOAuthError(decision.error, decision.description, decision.reason, usedBasic);
      const audience = decideAudience(credential.audiences, this.settings.issuer, readAudiences(request.body));
      if (!audience.granted) throw new InvalidTarget(audience.description, audience.reason);
      const proof = await this.dpop.verify(request.dpop, 'POST', this.settings.tokenEndpoint, credential.clientId);
      return await this.issue(credential, presented.method, decision.scopes, audience.audience, proof?.jkt, context);
    } catch (error) {
      if (error instanceof OAuthError && !(error instanceof TemporarilyUnavailable)) await this.recordRefusal(error, presented, credential, context);
      throw error;
    }
  }

  private async issue(
    credential: ClientCredentialView,
    authMethod: PresentedClientCredentials['method'],
    scopes: readonly string[],
    audience: string | readonly string[],
    jkt: string | undefined,
    context: RequestContext,
  ): Promise<TokenResponse> {
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    const lifetime = accessTokenLifetime(credential.accessTokenLifetimeSeconds, this.settings.accessTokenTtlSeconds, this.credentials.policyOf(credential.organizationId).maxAccessTokenLifetimeSeconds);
    const expiresAt = issuedAt + lifetime;
    const jti = this.newId();
    const { token, kid } = await this.signer.sign({
      jti,
      sub: credential.serviceAccountId,
      aud: audience,
      clientId: credential.clientId,
      organizationId: credential.organizationId,
      scopes,
      issuedAt,
      expiresAt,
      jkt,
    });
    const tokenType = jkt ? 'DPoP' : 'Bearer';
    try {
      await this.recorder.record(
        {
          type: 'AccessTokenIssued',
          data: {
            jti,
            organizationId: credential.organizationId,
            serviceAccountId: credential.serviceAccountId,
            credentialId: credential.credentialId,
            clientId: credential.clientId,
            scopes,
            audience,
            issuedAt: new Date(issuedAt * 1000).toISOString(),
            expiresAt: new Date(expiresAt * 1000).toISOString(),
            sourceIp: context.sourceIp,
            userAgent: context.userAgent,
            tokenType,
            ...(jkt ? { jkt } : {}),
            authMethod,
            kid,
          },
        },
        context,
      );
    } catch (error) {
      throw new TemporarilyUnavailable('the token could not be recorded; retry later', `record_failed: ${(error as Error).message}`);
    }
    // RFC 9449 §5: a DPoP-bound token is of type DPoP.
    return { access_token: token, token_type: tokenType, expires_in: lifetime, scope: scopes.join(' ') };
  }

  private async recordRefusal(error: OAuthError, presented: PresentedClientCredentials | undefined, authenticated: ClientCredentialView | undefined, context: RequestContext): Promise<void> {
    // A refusal naming a known client (wrong secret, bad assertion) lands in its organization's audit trail.
    const credential = authenticated ?? (presented?.clientId === undefined ? undefined : this.credentials.findByClientId(presented.clientId));
    try {
      await this.recorder.record(
        {
          type: 'TokenRequestRefused',
          data: {
            error: error.error as TokenRefusalError,
            reason: error.reason,
            // Only an id of our format is recorded: clients that swap id and secret must not leak the secret here.
            clientId: credential?.clientId ?? (presented?.clientId !== undefined && isWellFormedClientId(presented.clientId) ? presented.clientId : undefined),
            organizationId: credential?.organizationId,
            serviceAccountId: credential?.serviceAccountId,
            credentialId: credential?.credentialId,
            refusedAt: this.clock().toISOString(),
            sourceIp: context.sourceIp,
            userAgent: context.userAgent,
          },
        },
        context,
      );
    } catch {
      // The refusal still reaches the client; a lost refusal record is the lesser harm than a hung error path.
    }
  }
}

/** RFC 8707 §2: each resource is an absolute URI without fragment; audience values are logical names. */
function readAudiences(body: unknown): string[] {
  const resources = readRepeatedParameter(body, 'resource');
  const invalid = resources.find((resource) => !isValidResourceIndicator(resource));
  if (invalid !== undefined) throw new InvalidTarget('resource must be an absolute URI without a fragment (RFC 8707 §2)', 'resource_malformed');
  return [...resources, ...readRepeatedParameter(body, 'audience')];
}

function toOAuthError(error: TokenRefusalError, description: string, reason: string, usedBasic: boolean): OAuthError {
  switch (error) {
    case 'invalid_client':
      return new InvalidClient(reason, usedBasic);
    case 'invalid_scope':
      return new InvalidScope(description, reason);
    case 'unauthorized_client':
      return new UnauthorizedClient(description, reason);
    default:
      return new InvalidRequest(description, reason);
  }
}
