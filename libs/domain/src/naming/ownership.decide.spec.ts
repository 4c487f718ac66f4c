import { deciderSpec } from '@keyward/testing/decider-spec';
import { InvalidInput } from '../shared/domain-error';
import { organizationDecider } from '../organization/organization.decide';
import { DEFAULT_ORGANIZATION_POLICY } from '../organization/organization-policy';
import type { OrganizationEvent } from '../organization/organization.events';
import { serviceAccountDecider } from '../service-account/service-account.decide';
import type { ServiceAccountEvent } from '../service-account/service-account.events';
import { NamingPolicyViolated, OwnerRequired } from './naming.errors';

const accounts = deciderSpec(serviceAccountDecider);
const organizations = deciderSpec(organizationDecider);
const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const now = new Date('2026-11-28T10:00:00Z');
const strict = {
  ...DEFAULT_ORGANIZATION_POLICY,
  requireOwner: true,
  accountNamePattern: { pattern: '^svc-[a-z0-9]+-[a-z0-9-]+$', description: 'svc-<team>-<integration>' },
  credentialNamePattern: { pattern: '^(prod|staging|dev)$', description: 'prod, staging or dev' },
};
const create = (over: object = {}) =>
  ({ type: 'CreateServiceAccount', ...ref, name: 'svc-pay-stripe', description: '', now, ...over }) as const;
const created: ServiceAccountEvent = {
  type: 'ServiceAccountCreated',
  data: { ...ref, name: 'svc-pay-stripe', description: '', owner: 'team-payments', createdAt: now.toISOString() },
};
const orgCreated: OrganizationEvent = {
  type: 'OrganizationCreated',
  data: { organizationId: 'org-1', name: 'Acme', plan: 'free', createdAt: now.toISOString() },
};
const strictPolicy: OrganizationEvent = {
  type: 'OrganizationPolicyChanged',
  data: { organizationId: 'org-1', ...strict, previous: DEFAULT_ORGANIZATION_POLICY },
};

describe('ownership and naming', () => {
  it('records an owner and tags (deduplicated, sorted) on create', () =>
    accounts
      .given([])
      .when(create({ owner: ' team-payments ', tags: ['pci', 'env=prod', 'pci'], policy: strict }))
      .then([
        {
          type: 'ServiceAccountCreated',
          data: {
            ...ref,
            name: 'svc-pay-stripe',
            description: '',
            owner: 'team-payments',
            tags: ['env=prod', 'pci'],
            createdAt: now.toISOString(),
          },
        },
      ]));

  it('refuses an account without an owner when the policy requires one, on create and on change', () => {
    accounts
      .given([])
      .when(create({ policy: strict }))
      .thenThrows(OwnerRequired, /requires every service account to have an owner/);
    accounts.given([created]).when({ type: 'ChangeServiceAccountDetails', owner: '', policy: strict }).thenThrows(OwnerRequired);
    accounts
      .given([])
      .when(create())
      .then([{ type: 'ServiceAccountCreated', data: { ...ref, name: 'svc-pay-stripe', description: '', createdAt: now.toISOString() } }]);
  });

  it('records a change of owner or tags once, with the previous values', () => {
    accounts
      .given([created])
      .when({ type: 'ChangeServiceAccountDetails', owner: 'alice@example.com', tags: ['env=prod'] })
      .then([
        {
          type: 'ServiceAccountOwnershipChanged',
          data: { ...ref, owner: 'alice@example.com', tags: ['env=prod'], previousOwner: 'team-payments', previousTags: [] },
        },
      ]);
    accounts.given([created]).when({ type: 'ChangeServiceAccountDetails', owner: 'team-payments', tags: [] }).then([]);
  });

  it('refuses malformed tags and overlong owners, naming the field', () => {
    accounts
      .given([])
      .when(create({ tags: ['Env=Prod'] }))
      .thenThrows(InvalidInput, /tags/);
    accounts
      .given([])
      .when(create({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }))
      .thenThrows(InvalidInput, /at most 20 tags/);
    accounts
      .given([])
      .when(create({ owner: 'x'.repeat(201) }))
      .thenThrows(InvalidInput, /owner/);
  });

  it('checks account names against the convention on reserve and rename, quoting its description', () => {
    organizations
      .given([orgCreated, strictPolicy])
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-2', name: 'billing-bot' })
      .thenThrows(NamingPolicyViolated, /svc-<team>-<integration>/);
    organizations
      .given([orgCreated, strictPolicy])
      .when({ type: 'RenameServiceAccountSlot', serviceAccountId: 'sa-2', name: 'Svc-pay-x' })
      .thenThrows(NamingPolicyViolated, /"Svc-pay-x"/);
    organizations
      .given([orgCreated, strictPolicy])
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-2', name: 'svc-pay-x' })
      .then([{ type: 'ServiceAccountSlotReserved', data: { organizationId: 'org-1', serviceAccountId: 'sa-2', name: 'svc-pay-x' } }]);
  });

  it('checks credential names against the convention on create and rename', () => {
    const catalog = new Set(['read:reports']);
    const client = {
      type: 'CreateOAuthClient',
      credentialId: 'cr-1',
      clientId: 'kw_ci_1',
      authentication: { tokenEndpointAuthMethod: 'client_secret_basic', secretDigest: 'd1' },
      scopes: ['read:reports'],
      catalog,
      policy: strict,
      now,
    } as const;
    accounts
      .given([created])
      .when({ ...client, name: 'my laptop' })
      .thenThrows(NamingPolicyViolated, /prod, staging or dev/);
    accounts
      .given([created])
      .when({
        type: 'CreateApiToken',
        credentialId: 'cr-2',
        name: 'ci',
        tokenDigest: 't',
        scopes: ['read:reports'],
        catalog,
        expiresInDays: 30,
        policy: strict,
        now,
      })
      .thenThrows(NamingPolicyViolated);
    const made: ServiceAccountEvent = {
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
    accounts
      .given([created, made])
      .when({ type: 'ChangeCredential', credentialId: 'cr-1', name: 'production', catalog, policy: strict })
      .thenThrows(NamingPolicyViolated);
    accounts
      .given([created])
      .when({ ...client, name: 'prod' })
      .then([made]);
  });

  it('keeps an old policy event readable: fields it lacks take their defaults', () => {
    const old = {
      type: 'OrganizationPolicyChanged',
      data: { organizationId: 'org-1', maxAccessTokenLifetimeSeconds: 3600, clientSecretMaxAgeDays: null, apiTokenMaxAgeDays: null },
    } as unknown as OrganizationEvent;
    organizations
      .given([orgCreated, old])
      .when({ type: 'ReserveServiceAccountSlot', serviceAccountId: 'sa-2', name: 'any name' })
      .then([{ type: 'ServiceAccountSlotReserved', data: { organizationId: 'org-1', serviceAccountId: 'sa-2', name: 'any name' } }]);
  });
});
