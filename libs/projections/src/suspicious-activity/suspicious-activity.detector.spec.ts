import { DEFAULT_ORGANIZATION_POLICY, serviceAccountDecider, type OrganizationPolicy, type ServiceAccountEvent } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { deciderSpec } from '@keyward/testing/decider-spec';
import { SuspiciousActivityDetector } from './suspicious-activity.detector';

const DAY = 86400_000;
const start = Date.parse('2026-11-01T00:00:00Z');
const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1', credentialId: 'cr-1' };

describe('SuspiciousActivityDetector (injected clock)', () => {
  let now = start;
  let policy: OrganizationPolicy = DEFAULT_ORGANIZATION_POLICY;
  let detector: SuspiciousActivityDetector;
  beforeEach(() => {
    now = start;
    policy = DEFAULT_ORGANIZATION_POLICY;
    detector = new SuspiciousActivityDetector(
      () => policy,
      () => new Date(now),
    );
  });
  const recorded = (type: string, data: object): RecordedEvent => ({
    id: 'e',
    streamName: 'token_issuance-org-1',
    type,
    data,
    metadata: {},
    revision: 0,
    position: 0n,
    recordedAt: new Date(now),
  });
  const issue = (ip: string) =>
    detector.apply(
      recorded('AccessTokenIssued', {
        ...ref,
        clientId: 'kw_ci_1',
        scopes: [],
        audience: 'x',
        issuedAt: new Date(now).toISOString(),
        expiresAt: '',
        sourceIp: ip,
        userAgent: 'bot',
      }),
    );
  const refuse = (count?: number) =>
    detector.apply(
      recorded('TokenRequestRefused', {
        ...ref,
        error: 'invalid_client',
        reason: 'wrong_secret',
        refusedAt: new Date(now).toISOString(),
        sourceIp: '192.0.2.1',
        ...(count ? { count } : {}),
      }),
    );

  it('use_after_long_idle: a token after the policy idle days (default 30), not before', () => {
    issue('192.0.2.1');
    now += 29 * DAY;
    issue('192.0.2.1');
    expect(detector.drain()).toEqual([]);
    now += 31 * DAY;
    issue('192.0.2.1');
    expect(detector.drain()).toEqual([{ ...ref, reason: 'use_after_long_idle', facts: { idleDays: 31 } }]);
  });

  it('new_source_network: off by default; with a learning period, a new /24 after it, not within it', () => {
    issue('192.0.2.1');
    now += 20 * DAY;
    issue('198.51.100.1');
    expect(detector.drain()).toEqual([]);
    policy = { ...DEFAULT_ORGANIZATION_POLICY, suspiciousNewNetworkAfterDays: 14 };
    issue('192.0.2.200'); // same /24 as the first
    issue('2001:db8::1');
    expect(detector.drain()).toEqual([{ ...ref, reason: 'new_source_network', facts: { sourceNetwork: '2001:db8::/64' } }]);
  });

  it('refusal_burst: the refusals of 10 minutes, window summaries counted by their count (default 20)', () => {
    for (let i = 0; i < 10; i++) refuse();
    now += 11 * 60_000;
    for (let i = 0; i < 10; i++) refuse();
    expect(detector.drain()).toEqual([]);
    refuse(10);
    expect(detector.drain()).toEqual([{ ...ref, reason: 'refusal_burst', facts: { refusals: 20 } }]);
    policy = { ...DEFAULT_ORGANIZATION_POLICY, suspiciousRefusalBurst: null };
    refuse(100);
    expect(detector.drain()).toEqual([]);
  });

  it('learns from a replay of old events without reporting them', () => {
    issue('192.0.2.1');
    const old = now;
    now += 60 * DAY;
    detector.apply({
      ...recorded('AccessTokenIssued', {
        ...ref,
        clientId: 'c',
        scopes: [],
        audience: 'x',
        issuedAt: new Date(old + 40 * DAY).toISOString(),
        expiresAt: '',
        sourceIp: '192.0.2.1',
        userAgent: 'b',
      }),
      recordedAt: new Date(old + 40 * DAY),
    });
    expect(detector.drain()).toEqual([]);
  });

  it('is recorded once per credential and reason per day', () => {
    const spec = deciderSpec(serviceAccountDecider);
    const at = new Date(start);
    const created: ServiceAccountEvent = {
      type: 'ServiceAccountCreated',
      data: { organizationId: 'org-1', serviceAccountId: 'sa-1', name: 'bot', description: '', createdAt: at.toISOString() },
    };
    const client: ServiceAccountEvent = {
      type: 'OAuthClientCreated',
      data: {
        ...ref,
        name: 'prod',
        clientId: 'kw_ci_1',
        tokenEndpointAuthMethod: 'client_secret_basic',
        secretDigest: 'd',
        scopes: ['read'],
        createdAt: at.toISOString(),
      },
    };
    const detected: ServiceAccountEvent = {
      type: 'SuspiciousTokenActivity',
      data: { ...ref, reason: 'refusal_burst', detectedAt: at.toISOString(), refusals: 21 },
    };
    const record = (when: Date, reason: 'refusal_burst' | 'use_after_long_idle' = 'refusal_burst') =>
      ({ type: 'RecordSuspiciousActivity', credentialId: 'cr-1', reason, facts: { refusals: 21 }, now: when }) as const;
    spec.given([created, client]).when(record(at)).then([detected]);
    spec
      .given([created, client, detected])
      .when(record(new Date(start + DAY - 1)))
      .then([]);
    spec
      .given([created, client, detected])
      .when(record(new Date(start + DAY)))
      .then([{ ...detected, data: { ...detected.data, detectedAt: new Date(start + DAY).toISOString() } } as ServiceAccountEvent]);
    spec
      .given([created, client, detected])
      .when(record(at, 'use_after_long_idle'))
      .then([{ ...detected, data: { ...detected.data, reason: 'use_after_long_idle' } } as ServiceAccountEvent]);
  });
});
