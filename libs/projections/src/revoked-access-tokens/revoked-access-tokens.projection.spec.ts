import type { TokenIssuanceEvent } from '@keyward/domain';
import { givenEvents, onTokenStream } from '@keyward/testing/projection-spec';
import { RevokedAccessTokensProjection } from './revoked-access-tokens.projection';

const revoked = (jti: string, expiresAt: string, revokedAt: string): TokenIssuanceEvent => ({
  type: 'AccessTokenRevoked',
  data: { jti, organizationId: 'org-1', serviceAccountId: 'sa-1', clientId: 'kw_ci_1', expiresAt, revokedAt, revokedByClientId: 'kw_ci_1' },
});

describe('RevokedAccessTokensProjection: given events, then the view', () => {
  it('knows a revoked jti, and nothing of others', () => {
    const projection = givenEvents(new RevokedAccessTokensProjection(), [
      onTokenStream(revoked('j1', '2026-12-01T11:00:00.000Z', '2026-12-01T10:00:00.000Z')),
    ]);
    expect(projection.isRevoked('j1')).toBe(true);
    expect(projection.isRevoked('j2')).toBe(false);
  });

  it('forgets tokens past their expiry, judged by the revocations’ own time (it reads no clock)', () => {
    const old = onTokenStream(revoked('old', '2026-12-01T10:30:00.000Z', '2026-12-01T10:00:00.000Z'));
    // 1,024 later revocations, an hour after `old` expired, prune it; live ones stay.
    const later = Array.from({ length: 1024 }, (_, index) =>
      onTokenStream(revoked(`j${index}`, '2026-12-01T13:00:00.000Z', '2026-12-01T11:30:00.000Z')),
    );
    const projection = givenEvents(new RevokedAccessTokensProjection(), [old, ...later]);
    expect(projection.isRevoked('old')).toBe(false);
    expect(projection.isRevoked('j1023')).toBe(true);
    expect(projection.size).toBe(1024);
  });
});
