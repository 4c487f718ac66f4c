import { decideTokenGrant, type TokenRefusalError } from '@keyward/domain';
import type { ClientCredentialLookup, ClientCredentialView } from '@keyward/projections';
import { readClientCredentials, type PresentedClientCredentials } from '../client-authentication/client-authentication';
import { InvalidClient, InvalidScope, OAuthError, TemporarilyUnavailable, UnauthorizedClient, UnsupportedGrantType, InvalidRequest } from '../errors/oauth-errors';
import { isWellFormedSecret } from '../secrets/generated-secret';
import type { SecretDigester } from '../secrets/secret-digester';
import type { AccessTokenSigner } from './access-token-signer';
import type { RequestContext, TokenIssuanceRecorder } from './token-issuance-recorder';
import { parseScopeParameter, readTokenForm, type TokenHttpRequest } from './token-request';

export interface TokenEndpointSettings {
  readonly accessTokenTtlSeconds: number;
  /** aud of tokens that ask for no resource: keyward's own issuer. */
  readonly defaultAudience: string;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
}

/**
 * RFC 6749 §4.4: authenticate the client, decide the grant, sign, record durably, answer.
 * Every outcome is recorded: the token only after its AccessTokenIssued event is durable (fail closed).
 */
export class ClientCredentialsGrant {
  constructor(
    private readonly credentials: ClientCredentialLookup,
    private readonly digester: SecretDigester,
    private readonly signer: AccessTokenSigner,
    private readonly recorder: TokenIssuanceRecorder,
    private readonly settings: TokenEndpointSettings,
    private readonly clock: () => Date,
    private readonly newId: () => string,
  ) {}

  async handle(request: TokenHttpRequest, context: RequestContext): Promise<TokenResponse> {
    let presented: PresentedClientCredentials | undefined;
    let credential: ClientCredentialView | undefined;
    try {
      const form = readTokenForm(request);
      presented = readClientCredentials(request.authorization, form);
      // Looked up before authentication so that a failed attempt is attributed to the client's organization.
      credential = this.credentials.findByClientId(presented.clientId);
      this.authenticate(presented, credential);
      if (form.grant_type === undefined) throw new InvalidRequest('grant_type is required');
      if (form.grant_type !== 'client_credentials') throw new UnsupportedGrantType(`grant_type ${form.grant_type} is not supported; use client_credentials`);
      const decision = decideTokenGrant(credential, parseScopeParameter(form.scope));
      if (!decision.granted) throw toOAuthError(decision.error, decision.description, decision.reason, presented.method === 'client_secret_basic');
      return await this.issue(credential, decision.scopes, context);
    } catch (error) {
      if (error instanceof OAuthError && !(error instanceof TemporarilyUnavailable)) await this.recordRefusal(error, presented, credential, context);
      throw error;
    }
  }

  private authenticate(presented: PresentedClientCredentials, credential: ClientCredentialView | undefined): asserts credential is ClientCredentialView {
    const usedBasic = presented.method === 'client_secret_basic';
    // Same answer for an unknown client and a wrong secret (RFC 6749 §5.2); reasons differ only in the audit trail.
    if (!isWellFormedSecret('clientSecret', presented.clientSecret)) throw new InvalidClient('malformed_secret', usedBasic);
    if (!credential) {
      this.digester.digest(presented.clientSecret); // keep the timing of an unknown client like a known one
      throw new InvalidClient('unknown_client', usedBasic);
    }
    if (this.digester.matches(presented.clientSecret, credential.currentSecretDigest)) return;
    const previous = credential.previousSecret;
    if (previous && this.digester.matches(presented.clientSecret, previous.digest)) {
      if (previous.expiresAtMs > this.clock().getTime()) return;
      throw new InvalidClient('rotated_secret_expired', usedBasic);
    }
    throw new InvalidClient('wrong_secret', usedBasic);
  }

  private async issue(credential: ClientCredentialView, scopes: readonly string[], context: RequestContext): Promise<TokenResponse> {
    const now = this.clock();
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.settings.accessTokenTtlSeconds;
    const jti = this.newId();
    const accessToken = await this.signer.sign({
      jti,
      sub: credential.serviceAccountId,
      aud: this.settings.defaultAudience,
      clientId: credential.clientId,
      organizationId: credential.organizationId,
      scopes,
      issuedAt,
      expiresAt,
    });
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
            audience: this.settings.defaultAudience,
            issuedAt: new Date(issuedAt * 1000).toISOString(),
            expiresAt: new Date(expiresAt * 1000).toISOString(),
            sourceIp: context.sourceIp,
            userAgent: context.userAgent,
          },
        },
        context,
      );
    } catch (error) {
      throw new TemporarilyUnavailable('the token could not be recorded; retry later', `record_failed: ${(error as Error).message}`);
    }
    return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresAt - issuedAt, scope: scopes.join(' ') };
  }

  private async recordRefusal(error: OAuthError, presented: PresentedClientCredentials | undefined, credential: ClientCredentialView | undefined, context: RequestContext): Promise<void> {
    try {
      await this.recorder.record(
        {
          type: 'TokenRequestRefused',
          data: {
            error: error.error as TokenRefusalError,
            reason: error.reason,
            clientId: presented?.clientId.slice(0, 200),
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
