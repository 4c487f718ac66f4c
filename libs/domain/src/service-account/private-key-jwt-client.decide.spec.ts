import { deciderSpec } from '@keyward/testing/decider-spec';
import { InvalidInput } from '../shared/domain-error';
import { serviceAccountDecider } from './service-account.decide';
import { LastClientPublicKey, NotAnOAuthClient, NotAPrivateKeyJwtClient } from './service-account.errors';
import type { ServiceAccountEvent } from './service-account.events';

const spec = deciderSpec(serviceAccountDecider);
const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const now = new Date('2026-11-28T10:00:00Z');
const catalog = new Set(['read:reports']);
const ecKey = (kid: string) => ({ kty: 'EC', crv: 'P-256', x: 'x-coordinate', y: 'y-coordinate', kid });
const created: ServiceAccountEvent = {
  type: 'ServiceAccountCreated',
  data: { ...ref, name: 'bot', description: '', createdAt: now.toISOString() },
};
const keyClient: ServiceAccountEvent = {
  type: 'OAuthClientCreated',
  data: {
    ...ref,
    credentialId: 'cr-1',
    name: 'signer',
    clientId: 'kw_ci_1',
    tokenEndpointAuthMethod: 'private_key_jwt',
    publicKeys: [ecKey('a')],
    scopes: ['read:reports'],
    createdAt: now.toISOString(),
  },
};
const secretClient: ServiceAccountEvent = {
  type: 'OAuthClientCreated',
  data: {
    ...ref,
    credentialId: 'cr-2',
    name: 'plain',
    clientId: 'kw_ci_2',
    tokenEndpointAuthMethod: 'client_secret_basic',
    secretDigest: 'd',
    scopes: ['read:reports'],
    createdAt: now.toISOString(),
  },
};
const createKeyClient = (publicKeys: unknown[], over: object = {}) =>
  ({
    type: 'CreateOAuthClient',
    credentialId: 'cr-1',
    name: 'signer',
    clientId: 'kw_ci_1',
    authentication: { tokenEndpointAuthMethod: 'private_key_jwt', publicKeys },
    scopes: ['read:reports'],
    catalog,
    now,
    ...over,
  }) as const;

describe('private_key_jwt clients (RFC 7523 §2.2): public keys instead of a secret', () => {
  it('creates a client holding a JWK set and no secret', () =>
    spec
      .given([created])
      .when(createKeyClient([ecKey('a')]))
      .then([keyClient]));

  // Both a secret and keys, or neither, cannot be expressed: the command's authentication is one variant.
  it('refuses a key client without keys', () => spec.given([created]).when(createKeyClient([])).thenThrows(InvalidInput));

  it('refuses private keys, symmetric keys, unknown curves, short RSA moduli, missing or duplicate kids', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...ecKey('a'), d: 'private' }, /private/],
      [{ kty: 'oct', k: 'secret', kid: 'a' }, /private or symmetric/],
      [{ ...ecKey('a'), crv: 'P-384' }, /P-256/],
      [{ kty: 'RSA', n: 'short', e: 'AQAB', kid: 'a' }, /2048/],
      [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, /kid/],
      [{ ...ecKey('a'), alg: 'HS256' }, /alg/],
      [{ ...ecKey('a'), use: 'enc' }, /use/],
    ];
    for (const [key, message] of cases)
      spec
        .given([created])
        .when(createKeyClient([key]))
        .thenThrows(InvalidInput, message);
    spec
      .given([created])
      .when(createKeyClient([ecKey('a'), ecKey('a')]))
      .thenThrows(InvalidInput, /already used/);
    spec
      .given([created])
      .when(createKeyClient([]))
      .thenThrows(InvalidInput, /at least one/);
  });

  it('adds a key with a new kid, and removes a key while another remains', () => {
    spec
      .given([created, keyClient])
      .when({ type: 'AddClientPublicKey', credentialId: 'cr-1', publicKey: ecKey('b'), now })
      .then([
        {
          type: 'ClientPublicKeyAdded',
          data: { ...ref, credentialId: 'cr-1', kid: 'b', publicKey: ecKey('b'), addedAt: now.toISOString() },
        },
      ]);
    spec
      .given([created, keyClient])
      .when({ type: 'AddClientPublicKey', credentialId: 'cr-1', publicKey: ecKey('a'), now })
      .thenThrows(InvalidInput, /already used/);
    const added: ServiceAccountEvent = {
      type: 'ClientPublicKeyAdded',
      data: { ...ref, credentialId: 'cr-1', kid: 'b', publicKey: ecKey('b'), addedAt: now.toISOString() },
    };
    spec
      .given([created, keyClient, added])
      .when({ type: 'RemoveClientPublicKey', credentialId: 'cr-1', kid: 'a', now })
      .then([{ type: 'ClientPublicKeyRemoved', data: { ...ref, credentialId: 'cr-1', kid: 'a', removedAt: now.toISOString() } }]);
    spec
      .given([created, keyClient])
      .when({ type: 'RemoveClientPublicKey', credentialId: 'cr-1', kid: 'a', now })
      .thenThrows(LastClientPublicKey);
    spec
      .given([created, keyClient])
      .when({ type: 'RemoveClientPublicKey', credentialId: 'cr-1', kid: 'zz', now })
      .thenThrows(InvalidInput, /no key/);
  });

  it('keeps keys and secrets apart: no keys on a secret client, no secret rotation on a key client', () => {
    spec
      .given([created, secretClient])
      .when({ type: 'AddClientPublicKey', credentialId: 'cr-2', publicKey: ecKey('b'), now })
      .thenThrows(NotAPrivateKeyJwtClient);
    spec
      .given([created, keyClient])
      .when({ type: 'RotateClientSecret', credentialId: 'cr-1', secretDigest: 'd2', graceSeconds: 0, now })
      .thenThrows(NotAnOAuthClient, /private_key_jwt/);
  });
});
