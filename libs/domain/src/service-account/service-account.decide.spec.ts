import { deciderSpec } from '@keyward/testing/decider-spec';
import { InvalidInput } from '../shared/domain-error';
import { serviceAccountDecider } from './service-account.decide';
import {
  CredentialNameTaken,
  CredentialNotFound,
  CredentialRevokedAlready,
  NotAnOAuthClient,
  ServiceAccountAlreadyExists,
  ServiceAccountNotActive,
  ServiceAccountNotFound,
  UnknownScope,
} from './service-account.errors';
import type { ServiceAccountEvent } from './service-account.events';

const spec = deciderSpec(serviceAccountDecider);
const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const now = new Date('2026-11-28T10:00:00Z');
const catalog = new Set(['read:reports', 'write:reports', 'manage:service-accounts']);

const created: ServiceAccountEvent = {
  type: 'ServiceAccountCreated',
  data: { ...ref, name: 'billing-bot', description: '', createdAt: now.toISOString() },
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
const suspended: ServiceAccountEvent = {
  type: 'ServiceAccountSuspended',
  data: { ...ref, reason: 'leak', suspendedAt: now.toISOString() },
};
const deleted: ServiceAccountEvent = { type: 'ServiceAccountDeleted', data: { ...ref, deletedAt: now.toISOString() } };
const revoked: ServiceAccountEvent = { type: 'CredentialRevoked', data: { ...ref, credentialId: 'cr-1', revokedAt: now.toISOString() } };

const createClient = (over: Partial<{ name: string; scopes: string[]; credentialId: string }> = {}) =>
  ({
    type: 'CreateOAuthClient',
    credentialId: 'cr-1',
    name: 'prod',
    clientId: 'kw_ci_1',
    authentication: { tokenEndpointAuthMethod: 'client_secret_basic', secretDigest: 'd1' },
    scopes: ['read:reports'],
    catalog,
    now,
    ...over,
  }) as const;
const rotate = (graceSeconds: number, credentialId = 'cr-1') =>
  ({ type: 'RotateClientSecret', credentialId, secretDigest: 'd2', graceSeconds, now }) as const;

describe('service account decider', () => {
  describe('lifecycle', () => {
    it('creates an account', () =>
      spec
        .given([])
        .when({ type: 'CreateServiceAccount', ...ref, name: 'billing-bot', description: '', now })
        .then([created]));
    it('refuses to create it twice', () =>
      spec
        .given([created])
        .when({ type: 'CreateServiceAccount', ...ref, name: 'x', description: '', now })
        .thenThrows(ServiceAccountAlreadyExists));
    it('refuses a description over 500 characters', () =>
      spec
        .given([])
        .when({ type: 'CreateServiceAccount', ...ref, name: 'x', description: 'd'.repeat(501), now })
        .thenThrows(InvalidInput, /description/));
    it('renames and describes, recording only what changed', () =>
      spec
        .given([created])
        .when({ type: 'ChangeServiceAccountDetails', name: 'billing-bot', description: 'Pays invoices' })
        .then([{ type: 'ServiceAccountDescriptionChanged', data: { ...ref, description: 'Pays invoices' } }]));
    it('suspends once and reactivates once', () => {
      spec.given([created]).when({ type: 'SuspendServiceAccount', reason: 'leak', now }).then([suspended]);
      spec.given([created, suspended]).when({ type: 'SuspendServiceAccount', reason: 'again', now }).then([]);
      spec
        .given([created, suspended])
        .when({ type: 'ReactivateServiceAccount', now })
        .then([{ type: 'ServiceAccountReactivated', data: { ...ref, reactivatedAt: now.toISOString() } }]);
      spec.given([created]).when({ type: 'ReactivateServiceAccount', now }).then([]);
    });
    it('treats a deleted account as not found', () => {
      spec.given([created]).when({ type: 'DeleteServiceAccount', now }).then([deleted]);
      spec.given([created, deleted]).when({ type: 'DeleteServiceAccount', now }).thenThrows(ServiceAccountNotFound);
      spec.given([created, deleted]).when({ type: 'ReactivateServiceAccount', now }).thenThrows(ServiceAccountNotFound);
      spec.given([]).when({ type: 'SuspendServiceAccount', reason: '', now }).thenThrows(ServiceAccountNotFound);
    });
  });

  describe('credentials', () => {
    it('creates an OAuth client with scopes from the catalog, deduplicated', () =>
      spec
        .given([created])
        .when(createClient({ scopes: ['read:reports', 'read:reports'] }))
        .then([client]));
    it('refuses scopes outside the catalog, naming them', () =>
      spec
        .given([created])
        .when(createClient({ scopes: ['read:reports', 'delete:everything'] }))
        .thenThrows(UnknownScope, /delete:everything/));
    it('refuses a credential without scopes', () =>
      spec
        .given([created])
        .when(createClient({ scopes: [] }))
        .thenThrows(InvalidInput, /scopes/));
    it('refuses a second active credential with the same name, but not after revocation', () => {
      spec
        .given([created, client])
        .when(createClient({ credentialId: 'cr-9', name: 'PROD' }))
        .thenThrows(CredentialNameTaken);
      spec
        .given([created, client, revoked])
        .when(createClient({ credentialId: 'cr-9', name: 'prod' }))
        .then([{ ...client, data: { ...client.data, credentialId: 'cr-9' } } as ServiceAccountEvent]);
    });
    it('refuses new credentials on a suspended account', () =>
      spec
        .given([created, suspended])
        .when(createClient())
        .thenThrows(ServiceAccountNotActive, /suspended/));
    it('creates an API token expiring after the given days', () =>
      spec
        .given([created])
        .when({
          type: 'CreateApiToken',
          credentialId: 'cr-2',
          name: 'ci',
          tokenDigest: 't1',
          scopes: ['read:reports'],
          catalog,
          expiresInDays: 30,
          now,
        })
        .then([token]));
    it('refuses API token lifetimes outside 1..365 days', () => {
      for (const expiresInDays of [0, 366, 1.5]) {
        spec
          .given([created])
          .when({
            type: 'CreateApiToken',
            credentialId: 'cr-2',
            name: 'ci',
            tokenDigest: 't1',
            scopes: ['read:reports'],
            catalog,
            expiresInDays,
            now,
          })
          .thenThrows(InvalidInput, /expiresInDays/);
      }
    });
    it('changes name and scopes, recording only changes', () =>
      spec
        .given([created, client])
        .when({ type: 'ChangeCredential', credentialId: 'cr-1', name: 'prod', scopes: ['write:reports'], catalog })
        .then([
          {
            type: 'CredentialScopesChanged',
            data: { ...ref, credentialId: 'cr-1', scopes: ['write:reports'], previousScopes: ['read:reports'] },
          },
        ]));
    it('refuses changes to unknown or revoked credentials', () => {
      spec.given([created]).when({ type: 'ChangeCredential', credentialId: 'nope', name: 'x', catalog }).thenThrows(CredentialNotFound);
      spec
        .given([created, client, revoked])
        .when({ type: 'ChangeCredential', credentialId: 'cr-1', name: 'x', catalog })
        .thenThrows(CredentialRevokedAlready);
    });
    it('revokes once', () => {
      spec.given([created, client]).when({ type: 'RevokeCredential', credentialId: 'cr-1', now }).then([revoked]);
      spec.given([created, client, revoked]).when({ type: 'RevokeCredential', credentialId: 'cr-1', now }).then([]);
    });
  });

  describe('secret rotation', () => {
    it('rotates with a grace period, the previous secret expiring after it', () =>
      spec
        .given([created, client])
        .when(rotate(3600))
        .then([
          {
            type: 'ClientSecretRotated',
            data: {
              ...ref,
              credentialId: 'cr-1',
              secretDigest: 'd2',
              rotatedAt: now.toISOString(),
              previousSecretExpiresAt: '2026-11-28T11:00:00.000Z',
            },
          },
        ]));
    it('accepts 0 s and 7 days, refuses more or negative', () => {
      spec
        .given([created, client])
        .when(rotate(0))
        .then([expect.objectContaining({ type: 'ClientSecretRotated' }) as never]);
      spec
        .given([created, client])
        .when(rotate(7 * 86400))
        .then([expect.objectContaining({ type: 'ClientSecretRotated' }) as never]);
      spec
        .given([created, client])
        .when(rotate(7 * 86400 + 1))
        .thenThrows(InvalidInput, /graceSeconds/);
      spec
        .given([created, client])
        .when(rotate(-1))
        .thenThrows(InvalidInput, /graceSeconds/);
    });
    it('keeps at most two secrets: a second rotation drops the oldest', () => {
      const first: ServiceAccountEvent = {
        type: 'ClientSecretRotated',
        data: {
          ...ref,
          credentialId: 'cr-1',
          secretDigest: 'd2',
          rotatedAt: now.toISOString(),
          previousSecretExpiresAt: '2026-11-29T10:00:00.000Z',
        },
      };
      const second: ServiceAccountEvent = { ...first, data: { ...first.data, secretDigest: 'd3' } };
      const state = [created, client, first, second].reduce(serviceAccountDecider.evolve, serviceAccountDecider.initialState);
      const rotated = state.status !== 'absent' ? state.credentials.get('cr-1') : undefined;
      expect(rotated?.type === 'oauth_client' && rotated.tokenEndpointAuthMethod === 'client_secret_basic' && rotated.secrets).toEqual({
        currentDigest: 'd3',
        previous: { digest: 'd2', expiresAt: '2026-11-29T10:00:00.000Z' },
      });
    });
    it('refuses to rotate an API token', () => spec.given([created, token]).when(rotate(0, 'cr-2')).thenThrows(NotAnOAuthClient));
  });
});
