import { decideAccessTokenRevocation, decideApiTokenRevocation, type RevokingClient } from '@keyward/domain';
import type { ApiTokenLookup, RevokedAccessTokenLookup } from '@keyward/projections';
import type { AccessTokenReader } from '../access-token/access-token-reader';
import { readClientCredentials } from '../client-authentication/client-authentication';
import type { ClientAuthenticator } from '../client-authentication/client-authenticator';
import { requireUsableClient } from '../client-authentication/endpoint-client';
import { InvalidRequest, UnauthorizedClient } from '../errors/oauth-errors';
import { isWellFormedSecret } from '../secrets/generated-secret';
import type { SecretDigester } from '../secrets/secret-digester';
import type { RequestContext } from '../token-endpoint/token-issuance-recorder';
import { readTokenForm, type TokenHttpRequest } from '../token-endpoint/token-request';
import type { TokenRevocationRecorder } from './token-revocation-recorder';

/**
 * RFC 7009 §2: revokes a keyward access token (by its jti, until it expires) or an API token (its
 * credential). §2.2: 200 also for an invalid, unknown or expired token: the client's goal is reached.
 */
export class RevocationEndpoint {
  constructor(
    private readonly authenticator: ClientAuthenticator,
    private readonly accessTokens: AccessTokenReader,
    private readonly apiTokens: ApiTokenLookup,
    private readonly revoked: RevokedAccessTokenLookup,
    private readonly digester: SecretDigester,
    private readonly recorder: TokenRevocationRecorder,
    private readonly endpointUrl: string,
    private readonly clock: () => Date,
  ) {}

  async handle(request: TokenHttpRequest, context: RequestContext): Promise<void> {
    const form = readTokenForm(request);
    const presented = readClientCredentials(request.authorization, form);
    const credential = requireUsableClient(await this.authenticator.authenticate(presented, this.endpointUrl), presented.method === 'client_secret_basic');
    if (form.token === undefined) throw new InvalidRequest('token is required (RFC 7009 §2.1)');
    const caller: RevokingClient = { clientId: credential.clientId, organizationId: credential.organizationId, serviceAccountId: credential.serviceAccountId, scopes: credential.scopes };
    if (isWellFormedSecret('apiToken', form.token)) return this.revokeApiToken(form.token, caller, context);
    return this.revokeAccessToken(form.token, caller, context);
  }

  private async revokeAccessToken(token: string, caller: RevokingClient, context: RequestContext): Promise<void> {
    const claims = await this.accessTokens.read(token);
    if (!claims) return;
    const decision = decideAccessTokenRevocation(
      { jti: claims.jti, organizationId: claims.organizationId, serviceAccountId: claims.sub, clientId: claims.clientId, expiresAtMs: claims.exp * 1000, alreadyRevoked: this.revoked.isRevoked(claims.jti) },
      caller,
      this.clock(),
    );
    if (decision.outcome === 'refused') throw new UnauthorizedClient(decision.description, 'token_of_another_client');
    if (decision.outcome === 'revoke') await this.recorder.revokeAccessToken(decision.revocation, context);
  }

  private async revokeApiToken(token: string, caller: RevokingClient, context: RequestContext): Promise<void> {
    const view = this.apiTokens.findByDigest(this.digester.digest(token));
    if (!view) return;
    const decision = decideApiTokenRevocation(
      { credentialId: view.credentialId, organizationId: view.organizationId, serviceAccountId: view.serviceAccountId, active: !view.revoked && !view.expired && view.accountStatus !== 'deleted' },
      caller,
    );
    if (decision.outcome === 'refused') throw new UnauthorizedClient(decision.description, 'api_token_of_another_account');
    if (decision.outcome === 'revoke') await this.recorder.revokeApiToken({ organizationId: view.organizationId, ...decision.revocation }, caller.serviceAccountId, context);
  }
}
