import { deciderSpec } from '@keyward/testing/decider-spec';
import { DEFAULT_ORGANIZATION_POLICY, type OrganizationPolicy } from '../organization/organization-policy';
import { InvalidInput } from '../shared/domain-error';
import { serviceAccountDecider } from './service-account.decide';
import { NotAnOAuthClient } from './service-account.errors';
import type { ServiceAccountEvent } from './service-account.events';

const spec = deciderSpec(serviceAccountDecider);
const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const now = new Date('2026-11-28T10:00:00Z');
const catalog = new Set(['read:reports']);
const policy = (over: Partial<OrganizationPolicy>): OrganizationPolicy => ({ ...DEFAULT_ORGANIZATION_POLICY, ...over });
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
    expiresAt: '2026-12-28T10:00:00.000Z',
  },
};
const change = (over: object) => ({ type: 'ChangeCredential', credentialId: 'cr-1', catalog, ...over }) as const;
const later = (days: number) => new Date(now.getTime() + days * 86400_000);

describe('credential audiences and lifetimes', () => {
  it('creates a client with audiences and a token lifetime', () =>
    spec
      .given([created])
      .when({
        type: 'CreateOAuthClient',
        credentialId: 'cr-1',
        name: 'prod',
        clientId: 'kw_ci_1',
        authentication: { tokenEndpointAuthMethod: 'client_secret_basic', secretDigest: 'd1' },
        scopes: ['read:reports'],
        catalog,
        audiences: ['https://api.example.com', 'reports'],
        accessTokenLifetimeSeconds: 900,
        now,
      })
      .then([
        {
          ...client,
          data: { ...client.data, audiences: ['https://api.example.com', 'reports'], accessTokenLifetimeSeconds: 900 },
        } as ServiceAccountEvent,
      ]));

  it('refuses lifetimes outside 5 min to 24 h, and above the organization cap', () => {
    spec
      .given([created, client])
      .when(change({ accessTokenLifetimeSeconds: 299 }))
      .thenThrows(InvalidInput, /300 to 86400/);
    spec
      .given([created, client])
      .when(change({ accessTokenLifetimeSeconds: 86401 }))
      .thenThrows(InvalidInput, /300 to 86400/);
    spec
      .given([created, client])
      .when(change({ accessTokenLifetimeSeconds: 7200, policy: policy({ maxAccessTokenLifetimeSeconds: 3600 }) }))
      .thenThrows(InvalidInput, /caps access tokens at 3600/);
  });

  it('changes audiences and lifetime, recording only what changed, and resets the lifetime with null', () => {
    spec
      .given([created, client])
      .when(change({ audiences: ['https://api.example.com'], accessTokenLifetimeSeconds: 600 }))
      .then([
        {
          type: 'CredentialAudiencesChanged',
          data: { ...ref, credentialId: 'cr-1', audiences: ['https://api.example.com'], previousAudiences: [] },
        },
        {
          type: 'CredentialTokenLifetimeChanged',
          data: { ...ref, credentialId: 'cr-1', accessTokenLifetimeSeconds: 600, previousLifetimeSeconds: null },
        },
      ]);
    const set: ServiceAccountEvent = {
      type: 'CredentialTokenLifetimeChanged',
      data: { ...ref, credentialId: 'cr-1', accessTokenLifetimeSeconds: 600, previousLifetimeSeconds: null },
    };
    spec
      .given([created, client, set])
      .when(change({ accessTokenLifetimeSeconds: 600 }))
      .then([]);
    spec
      .given([created, client, set])
      .when(change({ accessTokenLifetimeSeconds: null }))
      .then([
        {
          type: 'CredentialTokenLifetimeChanged',
          data: { ...ref, credentialId: 'cr-1', accessTokenLifetimeSeconds: null, previousLifetimeSeconds: 600 },
        },
      ]);
  });

  it('refuses audiences with fragments or spaces, and audiences on API tokens', () => {
    spec
      .given([created, client])
      .when(change({ audiences: ['https://api.example.com#x'] }))
      .thenThrows(InvalidInput, /fragment/);
    spec
      .given([created, client])
      .when(change({ audiences: ['two words'] }))
      .thenThrows(InvalidInput, /printable/);
    spec
      .given([created, token])
      .when(change({ credentialId: 'cr-2', audiences: ['x'] }))
      .thenThrows(NotAnOAuthClient);
  });

  it('refuses an API token longer than the organization max age', () =>
    spec
      .given([created])
      .when({
        type: 'CreateApiToken',
        credentialId: 'cr-2',
        name: 'ci',
        tokenDigest: 't1',
        scopes: ['read:reports'],
        catalog,
        expiresInDays: 60,
        policy: policy({ apiTokenMaxAgeDays: 30 }),
        now,
      })
      .thenThrows(InvalidInput, /at most 30 days/));
});

describe('credential expiry', () => {
  const expire = (credentialId: string, at: Date, over: Partial<OrganizationPolicy> = {}) =>
    ({ type: 'ExpireCredential', credentialId, policy: policy(over), now: at }) as const;

  it('records an API token past its expiry, once', () => {
    const expired: ServiceAccountEvent = {
      type: 'CredentialExpired',
      data: { ...ref, credentialId: 'cr-2', reason: 'api_token_expired', expiredAt: later(30).toISOString() },
    };
    spec
      .given([created, token])
      .when(expire('cr-2', later(29)))
      .then([]);
    spec
      .given([created, token])
      .when(expire('cr-2', later(30)))
      .then([expired]);
    spec
      .given([created, token, expired])
      .when(expire('cr-2', later(31)))
      .then([]);
  });

  it('records an API token past the organization max age before its own expiry', () =>
    spec
      .given([created, token])
      .when(expire('cr-2', later(10), { apiTokenMaxAgeDays: 10 }))
      .then([
        {
          type: 'CredentialExpired',
          data: { ...ref, credentialId: 'cr-2', reason: 'api_token_max_age', expiredAt: later(10).toISOString() },
        },
      ]));

  it('counts a client secret age from its last rotation', () => {
    const rotated: ServiceAccountEvent = {
      type: 'ClientSecretRotated',
      data: {
        ...ref,
        credentialId: 'cr-1',
        secretDigest: 'd2',
        rotatedAt: later(80).toISOString(),
        previousSecretExpiresAt: later(80).toISOString(),
      },
    };
    spec
      .given([created, client])
      .when(expire('cr-1', later(90), { clientSecretMaxAgeDays: 90 }))
      .then([
        {
          type: 'CredentialExpired',
          data: { ...ref, credentialId: 'cr-1', reason: 'client_secret_max_age', expiredAt: later(90).toISOString() },
        },
      ]);
    spec
      .given([created, client, rotated])
      .when(expire('cr-1', later(90), { clientSecretMaxAgeDays: 90 }))
      .then([]);
    spec
      .given([created, client])
      .when(expire('cr-1', later(900)))
      .then([]);
  });

  it('makes an expired credential unusable for changes', () => {
    const expired: ServiceAccountEvent = {
      type: 'CredentialExpired',
      data: { ...ref, credentialId: 'cr-1', reason: 'client_secret_max_age', expiredAt: later(90).toISOString() },
    };
    spec
      .given([created, client, expired])
      .when({ type: 'RotateClientSecret', credentialId: 'cr-1', secretDigest: 'd3', graceSeconds: 0, now: later(91) })
      .thenThrows(Error, /revoked/);
  });
});
