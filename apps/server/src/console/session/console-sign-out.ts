import { Inject, Injectable } from '@nestjs/common';
import { decideAccessTokenRevocation } from '@keyward/domain';
import { AccessTokenReader, revocableAccessToken } from '@keyward/oauth';
import { RevokedAccessTokensProjection } from '@keyward/projections';
import { CLOCK, type Clock } from '@keyward/application';
import { StoreTokenRevocationRecorder } from '../../oauth/revocation/store-token-revocation-recorder';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';

/**
 * Sign-out revokes the session's access token (RFC 7009 semantics: the client it was issued to revokes
 * it) through the same decision and recorder as /oauth/revoke. The console holds no client secret, so
 * it cannot call that endpoint; holding the token is what proves it is the token's own session.
 */
@Injectable()
export class ConsoleSignOut {
  constructor(
    private readonly reader: AccessTokenReader,
    private readonly revoked: RevokedAccessTokensProjection,
    private readonly recorder: StoreTokenRevocationRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async revoke(token: string, from: FastifyRequest): Promise<void> {
    const claims = await this.reader.read(token);
    if (!claims) return;
    const decision = decideAccessTokenRevocation(
      revocableAccessToken(claims, this.revoked.isRevoked(claims.jti)),
      { clientId: claims.clientId, organizationId: claims.organizationId, serviceAccountId: claims.sub, scopes: [] },
      this.clock(),
    );
    if (decision.outcome !== 'revoke') return;
    await this.recorder.revokeAccessToken(decision.revocation, {
      sourceIp: from.ip,
      userAgent: (from.headers['user-agent'] ?? '').slice(0, 300),
      correlationId: randomUUID(),
    });
  }
}
