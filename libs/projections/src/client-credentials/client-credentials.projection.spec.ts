import { DEFAULT_ORGANIZATION_POLICY, type ServiceAccountEvent } from '@keyward/domain';
import { givenEvents, onAccountStream, onOrganizationStream } from '@keyward/testing/projection-spec';
import { ClientCredentialsProjection } from './client-credentials.projection';

const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const at = '2026-12-01T10:00:00.000Z';
const created: ServiceAccountEvent = { type: 'ServiceAccountCreated', data: { ...ref, name: 'bot', description: '', createdAt: at } };
const secretClient: ServiceAccountEvent = {
  type: 'OAuthClientCreated',
  data: {
    ...ref,
    credentialId: 'cr-1',
    name: 'prod',
    clientId: 'kw_ci_1',
    tokenEndpointAuthMethod: 'client_secret_basic',
    secretDigest: 'd1',
    scopes: ['read'],
    audiences: ['https://api.test/'],
    createdAt: at,
  },
};
const key = (kid: string) => ({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid });
const keyClient: ServiceAccountEvent = {
  type: 'OAuthClientCreated',
  data: {
    ...ref,
    credentialId: 'cr-2',
    name: 'signer',
    clientId: 'kw_ci_2',
    tokenEndpointAuthMethod: 'private_key_jwt',
    publicKeys: [key('a')],
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
const credential = (credentialId: string) => ({ ...ref, credentialId });
const given = (...events: ServiceAccountEvent[]) => givenEvents(new ClientCredentialsProjection(), events.map(onAccountStream));

describe('ClientCredentialsProjection: given events, then the view', () => {
  it('holds a secret client by client_id as its variant, digests only', () =>
    expect(given(created, secretClient).findByClientId('kw_ci_1')).toEqual({
      type: 'oauth_client',
      tokenEndpointAuthMethod: 'client_secret_basic',
      credentialId: 'cr-1',
      clientId: 'kw_ci_1',
      organizationId: 'org-1',
      serviceAccountId: 'sa-1',
      scopes: ['read'],
      audiences: ['https://api.test/'],
      accessTokenLifetimeSeconds: undefined,
      certificateBoundAccessTokens: false,
      currentSecretDigest: 'd1',
      secretIssuedAtMs: Date.parse(at),
      createdAtMs: Date.parse(at),
      revoked: false,
      expired: false,
      accountStatus: 'active',
    }));

  it('keeps the rotated secret beside the new one until its expiry', () => {
    const rotated: ServiceAccountEvent = {
      type: 'ClientSecretRotated',
      data: {
        ...credential('cr-1'),
        secretDigest: 'd2',
        rotatedAt: '2026-12-02T00:00:00.000Z',
        previousSecretExpiresAt: '2026-12-03T00:00:00.000Z',
      },
    };
    expect(given(created, secretClient, rotated).findByClientId('kw_ci_1')).toMatchObject({
      currentSecretDigest: 'd2',
      previousSecret: { digest: 'd1', expiresAtMs: Date.parse('2026-12-03T00:00:00.000Z') },
      secretIssuedAtMs: Date.parse('2026-12-02T00:00:00.000Z'),
    });
  });

  it('replaces a key client’s key set on every change (verifiers cache by array identity)', () => {
    const projection = given(created, keyClient);
    const view = projection.findByClientId('kw_ci_2');
    const keysBefore = view?.tokenEndpointAuthMethod === 'private_key_jwt' ? view.publicKeys : undefined;
    givenEvents(projection, [
      onAccountStream({ type: 'ClientPublicKeyAdded', data: { ...credential('cr-2'), kid: 'b', publicKey: key('b'), addedAt: at } }),
    ]);
    const added = projection.findByClientId('kw_ci_2');
    expect(added).toMatchObject({ tokenEndpointAuthMethod: 'private_key_jwt', publicKeys: [key('a'), key('b')] });
    expect(added?.tokenEndpointAuthMethod === 'private_key_jwt' && added.publicKeys).not.toBe(keysBefore);
    expect(keysBefore).toEqual([key('a')]);
    givenEvents(projection, [
      onAccountStream({ type: 'ClientPublicKeyRemoved', data: { ...credential('cr-2'), kid: 'a', removedAt: at } }),
    ]);
    expect(projection.findByClientId('kw_ci_2')).toMatchObject({ publicKeys: [key('b')] });
  });

  it('finds an API token by its digest, never by client_id', () => {
    const projection = given(created, apiToken);
    expect(projection.findByDigest('t1')).toMatchObject({
      type: 'api_token',
      credentialId: 'cr-3',
      expiresAtMs: Date.parse('2027-01-01T00:00:00.000Z'),
    });
    expect(projection.findByClientId('t1')).toBeUndefined();
  });

  it('carries the account status to credentials created before and after a suspension', () => {
    const suspended: ServiceAccountEvent = { type: 'ServiceAccountSuspended', data: { ...ref, reason: 'leak', suspendedAt: at } };
    const projection = given(created, secretClient, suspended, keyClient);
    expect(projection.findByClientId('kw_ci_1')?.accountStatus).toBe('suspended');
    expect(projection.findByClientId('kw_ci_2')?.accountStatus).toBe('suspended');
  });

  it('marks revoked and expired credentials, and leaves them out of live()', () => {
    const projection = given(
      created,
      secretClient,
      keyClient,
      apiToken,
      { type: 'CredentialRevoked', data: { ...credential('cr-1'), revokedAt: at } },
      {
        type: 'CredentialExpired',
        data: { ...credential('cr-3'), reason: 'api_token_expired', expiredAt: at },
      },
    );
    expect(projection.findByClientId('kw_ci_1')?.revoked).toBe(true);
    expect(projection.findByDigest('t1')?.expired).toBe(true);
    expect([...projection.live()].map((view) => view.credentialId)).toEqual(['cr-2']);
  });

  it('follows scope, audience and lifetime changes of a client', () => {
    const projection = given(
      created,
      secretClient,
      { type: 'CredentialScopesChanged', data: { ...credential('cr-1'), scopes: ['read', 'write'], previousScopes: ['read'] } },
      { type: 'CredentialAudiencesChanged', data: { ...credential('cr-1'), audiences: [], previousAudiences: ['https://api.test/'] } },
      {
        type: 'CredentialTokenLifetimeChanged',
        data: { ...credential('cr-1'), accessTokenLifetimeSeconds: 900, previousLifetimeSeconds: null },
      },
    );
    expect(projection.findByClientId('kw_ci_1')).toMatchObject({
      scopes: ['read', 'write'],
      audiences: [],
      accessTokenLifetimeSeconds: 900,
    });
  });

  it('answers the default policy until the organization changes it', () => {
    const projection = new ClientCredentialsProjection();
    expect(projection.policyOf('org-1')).toEqual(DEFAULT_ORGANIZATION_POLICY);
    givenEvents(projection, [
      onOrganizationStream({
        type: 'OrganizationPolicyChanged',
        data: {
          organizationId: 'org-1',
          ...DEFAULT_ORGANIZATION_POLICY,
          clientSecretMaxAgeDays: 90,
          previous: DEFAULT_ORGANIZATION_POLICY,
        },
      }),
    ]);
    expect(projection.policyOf('org-1').clientSecretMaxAgeDays).toBe(90);
    expect(projection.policyOf('org-2')).toEqual(DEFAULT_ORGANIZATION_POLICY);
  });
});
