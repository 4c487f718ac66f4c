import type { ServiceAccountEvent, TokenIssuanceEvent } from '@keyward/domain';
import { givenEvents, onAccountStream, onTokenStream } from '@keyward/testing/projection-spec';
import { CredentialUsageProjection, MAX_NETWORKS_PER_DAY, MAX_USER_AGENTS_PER_DAY, USAGE_DAYS_KEPT } from './credential-usage.projection';

const DAY = 86_400_000;
const today = new Date('2026-12-01T12:00:00.000Z');
let issued = 0;
const token = (over: { daysAgo?: number; credentialId?: string; scopes?: string[]; sourceIp?: string; userAgent?: string } = {}) =>
  onTokenStream({
    type: 'AccessTokenIssued',
    data: {
      jti: `jti-${++issued}`,
      organizationId: 'org-1',
      serviceAccountId: 'sa-1',
      credentialId: over.credentialId ?? 'cr-1',
      clientId: 'kw_ci_1',
      scopes: over.scopes ?? ['read'],
      audience: 'https://keyward.test',
      issuedAt: new Date(today.getTime() - (over.daysAgo ?? 0) * DAY).toISOString(),
      expiresAt: new Date(today.getTime() + 3600_000).toISOString(),
      sourceIp: over.sourceIp ?? '203.0.113.9',
      userAgent: over.userAgent ?? 'ci/1',
    },
  } satisfies TokenIssuanceEvent);
const given = (...events: Parameters<typeof givenEvents>[1]) => givenEvents(new CredentialUsageProjection(), events);
const plain = (summary: ReturnType<CredentialUsageProjection['summary']>) => ({
  tokens: summary.tokens,
  scopes: [...summary.scopes].sort(),
  networks: [...summary.networks].sort(),
  userAgents: [...summary.userAgents].sort(),
});

describe('CredentialUsageProjection: given token events, then the usage a report reads', () => {
  it('sums a credential’s tokens, scopes, /24 and /64 networks and user agents within the window', () => {
    const usage = given(
      token({ scopes: ['read'], sourceIp: '203.0.113.9' }),
      token({ scopes: ['write'], sourceIp: '203.0.113.200', daysAgo: 2 }),
      token({ sourceIp: '2001:db8:1:2::7', userAgent: 'curl/8', daysAgo: 6 }),
      token({ sourceIp: '198.51.100.1', daysAgo: 7 }), // outside a 7-day window: the window starts 6 days back
      token({ credentialId: 'cr-other' }),
    );
    expect(plain(usage.summary('cr-1', today, 7))).toEqual({
      tokens: 3,
      scopes: ['read', 'write'],
      networks: ['2001:db8:1:2::/64', '203.0.113.0/24'],
      userAgents: ['ci/1', 'curl/8'],
    });
    expect(usage.summary('cr-1', today, 30).tokens).toBe(4);
    expect(usage.summary('cr-unknown', today, 30).tokens).toBe(0);
  });

  it('caps networks and user agents per day, so an address-spraying client costs a bounded amount', () => {
    const spray = Array.from({ length: MAX_NETWORKS_PER_DAY + 10 }, (_, i) =>
      token({ sourceIp: `10.${Math.floor(i / 250)}.${i % 250}.1`, userAgent: `agent-${i}` }),
    );
    const summary = given(...spray).summary('cr-1', today, 1);
    expect(summary.tokens).toBe(MAX_NETWORKS_PER_DAY + 10);
    expect(summary.networks.size).toBe(MAX_NETWORKS_PER_DAY);
    expect(summary.userAgents.size).toBe(MAX_USER_AGENTS_PER_DAY);
  });

  it(`keeps ${USAGE_DAYS_KEPT} days: an older day is dropped when a new day begins`, () => {
    const usage = given(token({ daysAgo: USAGE_DAYS_KEPT + 5 }), token());
    expect(usage.summary('cr-1', today, USAGE_DAYS_KEPT + 10).tokens).toBe(1);
  });

  it('forgets a revoked or expired credential’s usage', () => {
    const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
    const revoked: ServiceAccountEvent = {
      type: 'CredentialRevoked',
      data: { ...ref, credentialId: 'cr-1', revokedAt: today.toISOString() },
    };
    const expired: ServiceAccountEvent = {
      type: 'CredentialExpired',
      data: { ...ref, credentialId: 'cr-2', expiredAt: today.toISOString(), reason: 'api_token_expired' },
    } as ServiceAccountEvent;
    const usage = given(
      token(),
      token({ credentialId: 'cr-2' }),
      token({ credentialId: 'cr-3' }),
      onAccountStream(revoked),
      onAccountStream(expired),
    );
    expect([
      usage.summary('cr-1', today, 1).tokens,
      usage.summary('cr-2', today, 1).tokens,
      usage.summary('cr-3', today, 1).tokens,
    ]).toEqual([0, 0, 1]);
  });
});
