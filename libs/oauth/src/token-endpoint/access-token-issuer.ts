import type { AccessTokenIssuedData } from '@keyward/domain';
import { EventStoreRefused } from '@keyward/event-store';
import type { AuthenticatedClient } from '../client-authentication/client-authenticator';
import { TemporarilyUnavailable } from '../errors/oauth-errors';
import type { AccessTokenSigner } from './access-token-signer';
import type { TokenGrant } from './grant-handler';
import type { RequestContext, TokenIssuanceRecorder } from './token-issuance-recorder';
import { WholeSecondTimestamp } from './whole-second-timestamp';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer' | 'DPoP';
  readonly expires_in: number;
  readonly scope: string;
}

/**
 * Signs what a grant decided and answers only once AccessTokenIssued is durable (fail closed: 503).
 * The signature and the record are made at the same time: a grant waits for the slower of the two
 * (the group commit's fsync), not for both in turn. A signature that fails after its event is durable
 * leaves a token nobody received: an AccessTokenRevoked follows at once, so the trail says so.
 */
export class AccessTokenIssuer {
  private readonly issuedAtText = new WholeSecondTimestamp();
  private readonly expiresAtText = new WholeSecondTimestamp();

  constructor(
    private readonly deps: {
      readonly signer: AccessTokenSigner;
      readonly recorder: TokenIssuanceRecorder;
      readonly clock: () => Date;
      readonly newId: () => string;
    },
  ) {}

  async issue(client: AuthenticatedClient, grantType: string, grant: TokenGrant, context: RequestContext): Promise<TokenResponse> {
    const { credential } = client;
    const issuedAt = Math.floor(this.deps.clock().getTime() / 1000);
    const expiresAt = issuedAt + grant.lifetimeSeconds;
    const jti = this.deps.newId();
    const signing = this.deps.signer.start({
      jti,
      sub: credential.serviceAccountId,
      aud: grant.audience,
      clientId: credential.clientId,
      organizationId: credential.organizationId,
      scopes: grant.scopes,
      issuedAt,
      expiresAt,
      jkt: grant.jkt,
      x5tS256: grant.x5tS256,
    });
    // Awaited below, after the record: until then its failure must not count as unhandled.
    signing.token.catch(ignore);
    const kid = signing.kid;
    // RFC 9449 §5: a DPoP-bound token is of type DPoP.
    const tokenType = grant.jkt ? 'DPoP' : 'Bearer';
    try {
      await this.deps.recorder.record(
        {
          type: 'AccessTokenIssued',
          data: this.issuedData(client, grantType, grant, context, { jti, issuedAt, expiresAt, kid, tokenType }),
        },
        context,
      );
    } catch (error) {
      // A refusal means our bug or a misconfiguration, not an outage: a 500 that logs it, not a 503 that hides it.
      if (error instanceof EventStoreRefused) throw error;
      throw new TemporarilyUnavailable('the token could not be recorded; retry later', `record_failed: ${(error as Error).message}`);
    }
    let token: string;
    try {
      token = await signing.token;
    } catch (error) {
      await this.recordUndelivered(client, jti, expiresAt, context);
      throw error;
    }
    return { access_token: token, token_type: tokenType, expires_in: grant.lifetimeSeconds, scope: grant.scopes.join(' ') };
  }

  /**
   * The event's data, member by member in the order it has always been written: the optional members are
   * assigned when present rather than spread (a spread of an empty object still cost a runtime call per grant).
   */
  private issuedData(
    client: AuthenticatedClient,
    grantType: string,
    grant: TokenGrant,
    context: RequestContext,
    token: {
      readonly jti: string;
      readonly issuedAt: number;
      readonly expiresAt: number;
      readonly kid: string;
      readonly tokenType: TokenResponse['token_type'];
    },
  ): AccessTokenIssuedData {
    const { credential, federated } = client;
    const data: Mutable<AccessTokenIssuedData> = {
      jti: token.jti,
      organizationId: credential.organizationId,
      serviceAccountId: credential.serviceAccountId,
      credentialId: credential.credentialId,
      clientId: credential.clientId,
      scopes: grant.scopes,
      audience: grant.audience,
      issuedAt: this.issuedAtText.of(token.issuedAt),
      expiresAt: this.expiresAtText.of(token.expiresAt),
      sourceIp: context.sourceIp,
      userAgent: context.userAgent,
      grantType,
      tokenType: token.tokenType,
    };
    if (grant.jkt) data.jkt = grant.jkt;
    if (grant.x5tS256) data.x5tS256 = grant.x5tS256;
    data.authMethod = client.method;
    if (federated) {
      data.federatedIssuer = federated.issuer;
      data.federatedSubject = federated.subject;
    }
    data.kid = token.kid;
    return data;
  }

  /** Its AccessTokenIssued is durable, its token was never made: revoked on its own client's behalf, best effort. */
  private async recordUndelivered(client: AuthenticatedClient, jti: string, expiresAt: number, context: RequestContext): Promise<void> {
    const { credential } = client;
    await this.deps.recorder
      .record(
        {
          type: 'AccessTokenRevoked',
          data: {
            jti,
            organizationId: credential.organizationId,
            serviceAccountId: credential.serviceAccountId,
            clientId: credential.clientId,
            expiresAt: new Date(expiresAt * 1000).toISOString(),
            revokedAt: this.deps.clock().toISOString(),
            revokedByClientId: credential.clientId,
          },
        },
        context,
      )
      .catch(() => undefined); // the store is failing too: the 503 stands, and the issue event stands alone in the trail
  }
}

const ignore = (): void => undefined;
