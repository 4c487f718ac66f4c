import { currentSchemaVersion } from '../schema/event-upcasters';
import { evolveServiceAccount, initialServiceAccountState } from './service-account.state';
import type { ServiceAccountEvent } from './service-account.events';
import { oauthClientCreatedV1 } from './oauth-client-created.upcaster';

const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1', credentialId: 'cr-1' };
const v1 = { ...ref, name: 'ci', clientId: 'kw_ci_1', scopes: ['read'], createdAt: '2026-01-01T00:00:00.000Z' };

describe('OAuthClientCreated v1 → v2 (explicit token_endpoint_auth_method)', () => {
  it('is written as v2', () => expect(currentSchemaVersion('OAuthClientCreated')).toBe(2));
  it('names a v1 client with a secret digest client_secret_basic, one with public keys private_key_jwt', () => {
    expect(oauthClientCreatedV1.upcast({ ...v1, secretDigest: 'd' })).toEqual({
      ...v1,
      secretDigest: 'd',
      tokenEndpointAuthMethod: 'client_secret_basic',
    });
    const keys = [{ kty: 'EC', kid: 'k1' }];
    expect(oauthClientCreatedV1.upcast({ ...v1, publicKeys: keys })).toEqual({
      ...v1,
      publicKeys: keys,
      tokenEndpointAuthMethod: 'private_key_jwt',
    });
  });
  it('gives the aggregate the variant of the method', () => {
    const created: ServiceAccountEvent = {
      type: 'ServiceAccountCreated',
      data: { organizationId: 'org-1', serviceAccountId: 'sa-1', name: 'bot', description: '', createdAt: v1.createdAt },
    };
    const client = {
      type: 'OAuthClientCreated',
      data: oauthClientCreatedV1.upcast({ ...v1, publicKeys: [{ kty: 'EC', kid: 'k1' }] }),
    } as ServiceAccountEvent;
    const state = [created, client].reduce(evolveServiceAccount, initialServiceAccountState);
    expect(state.status !== 'absent' && state.credentials.get('cr-1')).toMatchObject({
      type: 'oauth_client',
      tokenEndpointAuthMethod: 'private_key_jwt',
      publicKeys: [{ kid: 'k1' }],
    });
  });
});
