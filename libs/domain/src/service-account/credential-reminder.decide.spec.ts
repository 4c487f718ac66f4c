import { deciderSpec } from '@keyward/testing/decider-spec';
import { DEFAULT_ORGANIZATION_POLICY, requirePolicy, type OrganizationPolicy } from '../organization/organization-policy';
import { InvalidInput } from '../shared/domain-error';
import { serviceAccountDecider } from './service-account.decide';
import type { ServiceAccountEvent } from './service-account.events';

const spec = deciderSpec(serviceAccountDecider);
const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const now = new Date('2026-11-28T10:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86400_000);
const policy = (over: Partial<OrganizationPolicy> = {}): OrganizationPolicy => ({ ...DEFAULT_ORGANIZATION_POLICY, ...over });
const created: ServiceAccountEvent = {
  type: 'ServiceAccountCreated',
  data: { ...ref, name: 'bot', description: '', createdAt: now.toISOString() },
};
const client: ServiceAccountEvent = {
  type: 'OAuthClientCreated',
  data: {
    ...ref,
    credentialId: 'cr-1',
    name: 'prod',
    clientId: 'kw_ci_1',
    tokenEndpointAuthMethod: 'client_secret_basic',
    secretDigest: 'd1',
    scopes: ['read:reports'],
    createdAt: now.toISOString(),
  },
};
const token: ServiceAccountEvent = {
  type: 'ApiTokenCreated',
  data: {
    ...ref,
    credentialId: 'cr-2',
    name: 'ci',
    tokenDigest: 't1',
    scopes: ['read:reports'],
    createdAt: now.toISOString(),
    expiresAt: later(30).toISOString(),
  },
};
const remind = (credentialId: string, at: Date, over: Partial<OrganizationPolicy> = {}) =>
  ({ type: 'RemindCredential', credentialId, policy: policy(over), now: at }) as const;
const rotationDue = (thresholdDays: number, at: Date, dueAt = later(90)): ServiceAccountEvent => ({
  type: 'CredentialRotationDue',
  data: { ...ref, credentialId: 'cr-1', thresholdDays, dueAt: dueAt.toISOString(), remindedAt: at.toISOString() },
});
const secretAge = { clientSecretMaxAgeDays: 90 };

describe('credential reminders', () => {
  it('defaults to 14, 3 and 1 days, and keeps thresholds largest first, each once', () => {
    expect(DEFAULT_ORGANIZATION_POLICY.reminderDays).toEqual([14, 3, 1]);
    expect(requirePolicy(policy({ reminderDays: [1, 30, 7, 7] })).reminderDays).toEqual([30, 7, 1]);
    expect(() => requirePolicy(policy({ reminderDays: [0] }))).toThrow(InvalidInput);
    expect(() => requirePolicy(policy({ reminderDays: Array.from({ length: 11 }, (_, i) => i + 1) }))).toThrow(/at most 10/);
  });

  it('reminds that a secret is due for rotation once per threshold as its maximum age nears', () => {
    spec
      .given([created, client])
      .when(remind('cr-1', later(75), secretAge))
      .then([]);
    spec
      .given([created, client])
      .when(remind('cr-1', later(76), secretAge))
      .then([rotationDue(14, later(76))]);
    spec
      .given([created, client, rotationDue(14, later(76))])
      .when(remind('cr-1', later(80), secretAge))
      .then([]);
    spec
      .given([created, client, rotationDue(14, later(76))])
      .when(remind('cr-1', later(87), secretAge))
      .then([rotationDue(3, later(87))]);
    spec
      .given([created, client, rotationDue(14, later(76)), rotationDue(3, later(87))])
      .when(remind('cr-1', later(89.5), secretAge))
      .then([rotationDue(1, later(89.5))]);
    spec
      .given([created, client, rotationDue(1, later(89.5))])
      .when(remind('cr-1', later(89.9), secretAge))
      .then([]);
  });

  it('sends only the tightest threshold a late sweep finds crossed', () =>
    spec
      .given([created, client])
      .when(remind('cr-1', later(88), secretAge))
      .then([rotationDue(3, later(88))]));

  it('starts again after a rotation, which moves the instant the age counts to', () => {
    const rotated: ServiceAccountEvent = {
      type: 'ClientSecretRotated',
      data: {
        ...ref,
        credentialId: 'cr-1',
        secretDigest: 'd2',
        rotatedAt: later(88).toISOString(),
        previousSecretExpiresAt: later(89).toISOString(),
      },
    };
    spec
      .given([created, client, rotationDue(3, later(88)), rotated])
      .when(remind('cr-1', later(160), secretAge))
      .then([]);
    spec
      .given([created, client, rotationDue(3, later(88)), rotated])
      .when(remind('cr-1', later(170), secretAge))
      .then([rotationDue(14, later(170), later(178))]);
  });

  it('reminds that an API token expires soon, by its own expiry or the org maximum age', () => {
    spec
      .given([created, token])
      .when(remind('cr-2', later(27)))
      .then([
        {
          type: 'CredentialExpiringSoon',
          data: {
            ...ref,
            credentialId: 'cr-2',
            thresholdDays: 3,
            expiresAt: later(30).toISOString(),
            reason: 'api_token_expired',
            remindedAt: later(27).toISOString(),
          },
        },
      ]);
    spec
      .given([created, token])
      .when(remind('cr-2', later(6), { apiTokenMaxAgeDays: 7 }))
      .then([
        {
          type: 'CredentialExpiringSoon',
          data: {
            ...ref,
            credentialId: 'cr-2',
            thresholdDays: 1,
            expiresAt: later(7).toISOString(),
            reason: 'api_token_max_age',
            remindedAt: later(6).toISOString(),
          },
        },
      ]);
  });

  it('says nothing without a limit, past the expiry, for a revoked credential, or with no thresholds', () => {
    spec
      .given([created, client])
      .when(remind('cr-1', later(89)))
      .then([]);
    spec
      .given([created, token])
      .when(remind('cr-2', later(31)))
      .then([]);
    const revoked: ServiceAccountEvent = {
      type: 'CredentialRevoked',
      data: { ...ref, credentialId: 'cr-2', revokedAt: now.toISOString() },
    };
    spec
      .given([created, token, revoked])
      .when(remind('cr-2', later(29)))
      .then([]);
    spec
      .given([created, token])
      .when(remind('cr-2', later(29), { reminderDays: [] }))
      .then([]);
  });
});
