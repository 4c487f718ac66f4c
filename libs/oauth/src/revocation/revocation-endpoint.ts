import { decideAccessTokenRevocation, decideApiTokenRevocation, isCredentialLive, type RevokingClient } from '@keyward/domain';
import type { ApiTokenLookup, ClientCredentialView, RevokedAccessTokenLookup } from '@keyward/projections';
import type { AccessTokenReader } from '../access-token/access-token-reader';
import type { EndpointPreamble } from '../endpoint/endpoint-preamble';
import type { OAuthForm, TokenHttpRequest } from '../endpoint/oauth-form';
import { openRecorded, type AuthenticationRecording } from '../endpoint/recorded-client-authentication';
import { InvalidRequest, UnauthorizedClient } from '../errors/oauth-errors';
import { isWellFormedSecret } from '../secrets/generated-secret';
import type { SecretDigester } from '../secrets/secret-digester';
import type { RequestContext } from '../token-endpoint/token-issuance-recorder';
import { revocableAccessToken } from './revocable-access-token';
import type { TokenRevocationRecorder } from './token-revocation-recorder';

/**
 * RFC 7009 §2: revokes a keyward access token (by its jti, until it expires) or an API token (its
 * credential). §2.2: 200 also for an invalid, unknown or expired token: the client's goal is reached.
 */
export class RevocationEndpoint {
  constructor(
    private readonly deps: {
      readonly preamble: EndpointPreamble;
      readonly accessTokens: AccessTokenReader;
      readonly apiTokens: ApiTokenLookup;
      readonly revoked: RevokedAccessTokenLookup;
      readonly digester: SecretDigester;
      readonly recorder: TokenRevocationRecorder;
      readonly clock: () => Date;
    } & AuthenticationRecording,
  ) {}

  async handle(request: TokenHttpRequest, context: RequestContext): Promise<void> {
    const opened = await openRecorded(this.deps.preamble, request, context, 'revocation', this.deps);
    try {
      await this.revoke(opened.form, opened.client.credential, context);
    } catch (error) {
      // §2.1: a token of another client is refused; recorded, since the refusal also confirms the caller's secret.
      if (error instanceof UnauthorizedClient)
        await this.deps.refusals?.record(error, { presented: opened.presented, credential: opened.client.credential }, context, {
          endpoint: 'revocation',
        });
      throw error;
    }
  }

  private async revoke(form: OAuthForm, credential: ClientCredentialView, context: RequestContext): Promise<void> {
    if (form.token === undefined) throw new InvalidRequest('token is required (RFC 7009 §2.1)');
    const caller: RevokingClient = {
      clientId: credential.clientId,
      organizationId: credential.organizationId,
      serviceAccountId: credential.serviceAccountId,
      scopes: credential.scopes,
    };
    if (isWellFormedSecret('apiToken', form.token)) return this.revokeApiToken(form.token, caller, context);
    return this.revokeAccessToken(form.token, caller, context);
  }

  private async revokeAccessToken(token: string, caller: RevokingClient, context: RequestContext): Promise<void> {
    const claims = await this.deps.accessTokens.read(token);
    if (!claims) return;
    const decision = decideAccessTokenRevocation(
      revocableAccessToken(claims, this.deps.revoked.isRevoked(claims.jti)),
      caller,
      this.deps.clock(),
    );
    if (decision.outcome === 'refused') throw new UnauthorizedClient(decision.description, 'token_of_another_client');
    if (decision.outcome === 'revoke') await this.deps.recorder.revokeAccessToken(decision.revocation, context);
  }

  private async revokeApiToken(token: string, caller: RevokingClient, context: RequestContext): Promise<void> {
    const view = this.deps.apiTokens.findByDigest(this.deps.digester.digest(token));
    if (!view) return;
    const decision = decideApiTokenRevocation(
      {
        credentialId: view.credentialId,
        organizationId: view.organizationId,
        serviceAccountId: view.serviceAccountId,
        active: isCredentialLive(view),
      },
      caller,
    );
    if (decision.outcome === 'refused') throw new UnauthorizedClient(decision.description, 'api_token_of_another_account');
    if (decision.outcome === 'revoke')
      await this.deps.recorder.revokeApiToken(
        { organizationId: view.organizationId, ...decision.revocation },
        caller.serviceAccountId,
        context,
      );
  }
}
