import type { TokenIssuanceEvent } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { asDomainEvent, type Projection } from '../runner/projection';
import { mapsRestart } from '../snapshot/maps-restart';

export interface RevokedAccessTokenLookup {
  isRevoked(jti: string): boolean;
}

const PRUNE_EVERY = 1024;

/**
 * RFC 7009: jti of revoked access tokens, kept until the token would have expired anyway (after that
 * the signature check refuses it by itself). Pruned as revocations arrive, judged by their own time,
 * so the projection reads no clock.
 */
export class RevokedAccessTokensProjection implements Projection, RevokedAccessTokenLookup {
  readonly name = 'revoked-access-tokens';
  private readonly expiresAtMsByJti = new Map<string, number>();
  private sincePrune = 0;
  readonly restart = mapsRestart({ expiresAtMsByJti: this.expiresAtMsByJti });

  isRevoked(jti: string): boolean {
    return this.expiresAtMsByJti.has(jti);
  }

  get size(): number {
    return this.expiresAtMsByJti.size;
  }

  apply(recorded: RecordedEvent): void {
    if (!recorded.streamName.startsWith('token_issuance-') || recorded.type !== 'AccessTokenRevoked') return;
    const event = asDomainEvent<TokenIssuanceEvent>(recorded);
    if (event.type !== 'AccessTokenRevoked') return;
    this.expiresAtMsByJti.set(event.data.jti, Date.parse(event.data.expiresAt));
    if (++this.sincePrune >= PRUNE_EVERY) this.prune(Date.parse(event.data.revokedAt));
  }

  private prune(nowMs: number): void {
    this.sincePrune = 0;
    for (const [jti, expiresAtMs] of this.expiresAtMsByJti) if (expiresAtMs <= nowMs) this.expiresAtMsByJti.delete(jti);
  }
}
