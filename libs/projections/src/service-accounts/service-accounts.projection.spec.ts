import type { ServiceAccountEvent } from '@keyward/domain';
import { givenEvents, onAccountStream, onTokenStream } from '@keyward/testing/projection-spec';
import { ServiceAccountsProjection } from './service-accounts.projection';

const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const at = '2026-12-01T10:00:00.000Z';
const created: ServiceAccountEvent = {
  type: 'ServiceAccountCreated',
  data: { ...ref, name: 'bot', description: 'exports', createdAt: at },
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
    scopes: ['read'],
    createdAt: at,
  },
};
const keyClient: ServiceAccountEvent = {
  type: 'OAuthClientCreated',
  data: {
    ...ref,
    credentialId: 'cr-2',
    name: 'signer',
    clientId: 'kw_ci_2',
    tokenEndpointAuthMethod: 'private_key_jwt',
    publicKeys: [{ kty: 'EC', kid: 'k1' }],
    scopes: ['read'],
    createdAt: at,
  },
};
const apiToken: ServiceAccountEvent = {
  type: 'ApiTokenCreated',
  data: {
    ...ref,
    credentialId: 'cr-3',
    name: 'ci',
    tokenDigest: 't1',
    scopes: ['read'],
    createdAt: at,
    expiresAt: '2027-01-01T00:00:00.000Z',
  },
};
const given = (...events: ServiceAccountEvent[]) => givenEvents(new ServiceAccountsProjection(), events.map(onAccountStream));

describe('ServiceAccountsProjection: given events, then the view', () => {
  it('lists the accounts of an organization, and none of another', () => {
    const projection = given(created, { type: 'ServiceAccountRenamed', data: { ...ref, name: 'bot-2', previousName: 'bot' } });
    expect(projection.list('org-1')).toEqual([
      expect.objectContaining({ id: 'sa-1', name: 'bot-2', description: 'exports', status: 'active' }),
    ]);
    expect(projection.list('org-2')).toEqual([]);
    expect(projection.get('org-2', 'sa-1')).toBeUndefined();
  });

  it('summarizes each credential variant with its method, never a digest', () => {
    const credentials = given(created, client, keyClient, apiToken).get('org-1', 'sa-1')!.credentials;
    expect(
      credentials.map(({ id, type, tokenEndpointAuthMethod, publicKeyIds, clientId }) => ({
        id,
        type,
        tokenEndpointAuthMethod,
        publicKeyIds,
        clientId,
      })),
    ).toEqual([
      { id: 'cr-1', type: 'oauth_client', tokenEndpointAuthMethod: 'client_secret_basic', publicKeyIds: [], clientId: 'kw_ci_1' },
      { id: 'cr-2', type: 'oauth_client', tokenEndpointAuthMethod: 'private_key_jwt', publicKeyIds: ['k1'], clientId: 'kw_ci_2' },
      { id: 'cr-3', type: 'api_token', tokenEndpointAuthMethod: null, publicKeyIds: [], clientId: null },
    ]);
    expect(JSON.stringify(credentials)).not.toMatch(/d1|t1/);
  });

  it('records when a credential last got a token', () => {
    const projection = given(created, client);
    givenEvents(projection, [
      onTokenStream({
        type: 'AccessTokenIssued',
        data: {
          ...ref,
          jti: 'j1',
          credentialId: 'cr-1',
          clientId: 'kw_ci_1',
          scopes: ['read'],
          audience: 'x',
          issuedAt: '2026-12-01T11:00:00.000Z',
          expiresAt: at,
          sourceIp: '',
          userAgent: '',
        },
      }),
    ]);
    expect(projection.get('org-1', 'sa-1')!.credentials[0]).toMatchObject({ lastUsedAt: '2026-12-01T11:00:00.000Z' });
  });

  it('follows suspension, rotation, revocation, and forgets a deleted account', () => {
    const projection = given(
      created,
      client,
      { type: 'ServiceAccountSuspended', data: { ...ref, reason: 'leak', suspendedAt: at } },
      {
        type: 'ClientSecretRotated',
        data: { ...ref, credentialId: 'cr-1', secretDigest: 'd2', rotatedAt: at, previousSecretExpiresAt: '2026-12-02T10:00:00.000Z' },
      },
      { type: 'CredentialRevoked', data: { ...ref, credentialId: 'cr-1', revokedAt: at } },
    );
    expect(projection.get('org-1', 'sa-1')).toMatchObject({
      status: 'suspended',
      credentials: [{ secretRotatedAt: at, previousSecretExpiresAt: '2026-12-02T10:00:00.000Z', revokedAt: at }],
    });
    givenEvents(projection, [onAccountStream({ type: 'ServiceAccountDeleted', data: { ...ref, deletedAt: at } })]);
    expect(projection.get('org-1', 'sa-1')).toBeUndefined();
    expect(projection.list('org-1')).toEqual([]);
  });
});
