import { randomBytes } from 'node:crypto';
import type { ClientCredentialView, SecretClientView } from '@keyward/projections';
import { TestClock } from '@keyward/testing/test-clock';
import { InvalidClient } from '../errors/oauth-errors';
import { generateClientId, generateSecret } from '../secrets/generated-secret';
import { SecretDigester } from '../secrets/secret-digester';
import { ClientSecretVerifier } from './client-secret-verifier';

const digester = new SecretDigester(randomBytes(32));
const current = generateSecret('clientSecret');
const previous = generateSecret('clientSecret');
const clock = new TestClock(Date.parse('2026-12-01T10:00:00Z'));
const client: SecretClientView = {
  type: 'oauth_client',
  tokenEndpointAuthMethod: 'client_secret_basic',
  credentialId: 'cr-1',
  clientId: generateClientId(),
  organizationId: 'org-1',
  serviceAccountId: 'sa-1',
  scopes: [],
  audiences: [],
  certificateBoundAccessTokens: false,
  currentSecretDigest: digester.digest(current),
  secretIssuedAtMs: clock.now().getTime(),
  previousSecret: { digest: digester.digest(previous), expiresAtMs: clock.now().getTime() + 60_000 },
  createdAtMs: 0,
  revoked: false,
  expired: false,
  accountStatus: 'active',
};
const keyClient: ClientCredentialView = {
  ...client,
  clientId: generateClientId(),
  tokenEndpointAuthMethod: 'private_key_jwt',
  publicKeys: [],
} as unknown as ClientCredentialView;
const byId = new Map<string, ClientCredentialView>([
  [client.clientId, client],
  [keyClient.clientId, keyClient],
]);
const verifier = new ClientSecretVerifier({ credentials: { findByClientId: (id) => byId.get(id) }, digester, clock: clock.now });
const reasonOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidClient) return `${error.reason}${error.usedBasic ? ' (basic)' : ''}`;
    throw error;
  }
  return 'accepted';
};

describe('ClientSecretVerifier (RFC 6749 §2.3.1), in memory', () => {
  it('accepts the current secret by either method', () => {
    expect(verifier.verify({ clientId: client.clientId, clientSecret: current, method: 'client_secret_basic' })).toBe(client);
    expect(verifier.verify({ clientId: client.clientId, clientSecret: current, method: 'client_secret_post' })).toBe(client);
  });

  it('accepts the rotated secret until its grace ends, at that instant', () => {
    expect(reasonOf(() => verifier.verify({ clientId: client.clientId, clientSecret: previous, method: 'client_secret_post' }))).toBe(
      'accepted',
    );
    clock.advance(60);
    expect(reasonOf(() => verifier.verify({ clientId: client.clientId, clientSecret: previous, method: 'client_secret_post' }))).toBe(
      'rotated_secret_expired',
    );
  });

  it('names each refusal for the audit trail, all as invalid_client, 401 with Basic', () => {
    expect(
      reasonOf(() =>
        verifier.verify({ clientId: client.clientId, clientSecret: generateSecret('clientSecret'), method: 'client_secret_basic' }),
      ),
    ).toBe('wrong_secret (basic)');
    expect(reasonOf(() => verifier.verify({ clientId: generateClientId(), clientSecret: current, method: 'client_secret_post' }))).toBe(
      'unknown_client',
    );
    // The last checksum character changed, to one it is not (a random secret ends in "x" one time in 62).
    const mistyped = `${current.slice(0, -1)}${current.endsWith('x') ? 'y' : 'x'}`;
    expect(reasonOf(() => verifier.verify({ clientId: client.clientId, clientSecret: mistyped, method: 'client_secret_post' }))).toBe(
      'malformed_secret',
    );
    expect(reasonOf(() => verifier.verify({ clientId: keyClient.clientId, clientSecret: current, method: 'client_secret_post' }))).toBe(
      'auth_method_not_registered',
    );
  });
});
