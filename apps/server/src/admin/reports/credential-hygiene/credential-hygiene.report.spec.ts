import { DEFAULT_ORGANIZATION_POLICY } from '@keyward/domain';
import type { CredentialSummary, ServiceAccountDetails, UsageSummary } from '@keyward/projections';
import { credentialHygiene } from './credential-hygiene.report';

const now = new Date('2026-12-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86400_000).toISOString();
const credential = (over: Partial<CredentialSummary>): CredentialSummary =>
  ({
    id: 'cr-1',
    type: 'oauth_client',
    name: 'prod',
    scopes: ['read:a'],
    clientId: 'kw_ci_1',
    createdAt: daysAgo(50),
    expiresAt: null,
    lastUsedAt: daysAgo(1),
    secretRotatedAt: null,
    previousSecretExpiresAt: null,
    revokedAt: null,
    expiredAt: null,
    tokenEndpointAuthMethod: 'client_secret_basic',
    ...over,
  }) as CredentialSummary;
const account = (credentials: CredentialSummary[], over: Partial<ServiceAccountDetails> = {}): ServiceAccountDetails =>
  ({
    id: 'sa-1',
    organizationId: 'org-1',
    name: 'svc-pay-stripe',
    description: '',
    owner: 'team-pay',
    tags: [],
    status: 'active',
    createdAt: daysAgo(60),
    credentials,
    ...over,
  }) as ServiceAccountDetails;
const used: UsageSummary = { tokens: 3, scopes: new Set(['read:a']), networks: new Set(['192.0.2.0/24']), userAgents: new Set(['bot/1']) };

describe('credentialHygiene', () => {
  it('flags a secret past the policy maximum age as overdue, against the age since its last rotation', () => {
    const policy = { ...DEFAULT_ORGANIZATION_POLICY, clientSecretMaxAgeDays: 45 };
    const [overdue] = credentialHygiene({
      accounts: [account([credential({})])],
      policy,
      usage: () => used,
      now,
      windowDays: 30,
    }).credentials;
    expect(overdue).toMatchObject({
      secretAgeDays: 50,
      rotationDueInDays: -5,
      findings: [{ code: 'rotation_overdue', message: 'the secret is 50 days old; the policy allows 45' }],
    });
    const [rotated] = credentialHygiene({
      accounts: [account([credential({ secretRotatedAt: daysAgo(10) })])],
      policy,
      usage: () => used,
      now,
      windowDays: 30,
    }).credentials;
    expect(rotated).toMatchObject({ secretAgeDays: 10, rotationDueInDays: 35, findings: [] });
  });

  it('flags names that break the conventions and accounts without an owner; leaves revoked credentials out', () => {
    const policy = {
      ...DEFAULT_ORGANIZATION_POLICY,
      accountNamePattern: { pattern: '^svc-[a-z]+-[a-z]+$', description: 'svc-<team>-<integration>' },
      credentialNamePattern: { pattern: '^(prod|dev)$', description: 'prod or dev' },
    };
    const report = credentialHygiene({
      accounts: [
        account([credential({ name: 'laptop' }), credential({ id: 'cr-2', revokedAt: daysAgo(1) })], { name: 'billing', owner: null }),
      ],
      policy,
      usage: () => used,
      now,
      windowDays: 30,
    });
    expect(report.credentials.map((c) => [c.credentialId, c.findings.map((f) => f.code)])).toEqual([['cr-1', ['name_breaks_convention']]]);
    expect(report.accounts).toEqual([
      {
        serviceAccountId: 'sa-1',
        name: 'billing',
        owner: null,
        findings: [
          expect.objectContaining({ code: 'no_owner' }),
          expect.objectContaining({ code: 'name_breaks_convention', message: expect.stringContaining('svc-<team>-<integration>') }),
        ],
      },
    ]);
  });

  it('counts an API token expiring by the org maximum age before its own expiry', () => {
    const policy = { ...DEFAULT_ORGANIZATION_POLICY, apiTokenMaxAgeDays: 55 };
    const token = credential({ type: 'api_token', clientId: null, tokenEndpointAuthMethod: null, expiresAt: daysAgo(-40) });
    const [item] = credentialHygiene({ accounts: [account([token])], policy, usage: () => used, now, windowDays: 30 }).credentials;
    expect(item).toMatchObject({ expiresAt: daysAgo(-5), rotationDueInDays: null, findings: [{ code: 'expiring_soon' }] });
  });
});
