import { Inject, Injectable } from '@nestjs/common';
import { serviceAccountDecider, serviceAccountStream, tokenIssuanceStream, type AccessTokenRevokedData } from '@keyward/domain';
import type { RequestContext, TokenRevocationRecorder } from '@keyward/oauth';
import { AggregateStore, CLOCK, type Clock } from '@keyward/application';

/**
 * Revocations go through the aggregate store, which waits for this process's read models: once
 * /oauth/revoke answers, introspection here already says `active: false`.
 */
@Injectable()
export class StoreTokenRevocationRecorder implements TokenRevocationRecorder {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async revokeAccessToken(revocation: AccessTokenRevokedData, context: RequestContext): Promise<void> {
    await this.aggregates.append(tokenIssuanceStream(revocation.organizationId), [{ type: 'AccessTokenRevoked', data: revocation }], {
      actor: `client:${revocation.revokedByClientId}`,
      organizationId: revocation.organizationId,
      ...context,
    });
  }

  async revokeApiToken(
    target: { organizationId: string; serviceAccountId: string; credentialId: string },
    byServiceAccountId: string,
    context: RequestContext,
  ): Promise<void> {
    await this.aggregates.execute(
      serviceAccountStream(target.serviceAccountId),
      serviceAccountDecider,
      { type: 'RevokeCredential', credentialId: target.credentialId, now: this.clock() },
      { actor: `service_account:${byServiceAccountId}`, organizationId: target.organizationId, ...context },
      { retries: 3 },
    );
  }
}
