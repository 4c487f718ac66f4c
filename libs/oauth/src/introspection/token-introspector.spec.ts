import { randomBytes } from 'node:crypto';
import { DEFAULT_ORGANIZATION_POLICY } from '@keyward/domain';
import type { ApiTokenView, SecretClientView } from '@keyward/projections';
import { TestClock } from '@keyward/testing/test-clock';
import { AccessTokenReader } from '../access-token/access-token-reader';
import { generateClientId, generateSecret } from '../secrets/generated-secret';
import { SecretDigester } from '../secrets/secret-digester';
import { generateSigningKey } from '../signing/generate-signing-key';
import { PrivateKeyCipher } from '../signing/private-key-cipher';
import { SigningKeyRing } from '../signing/signing-key-ring';
import { AccessTokenSigner } from '../token-endpoint/access-token-signer';
import { TokenIntrospector } from './token-introspector';

const issuer = 'https://keyward.test';
const DAY = 86_400_000;

/** The introspector over in-memory views and a real key ring: no server, no store. */
async function introspectionRig() {
  const clock = new TestClock(Date.parse('2026-12-01T10:00:00Z'));
  const cipher = new PrivateKeyCipher(randomBytes(32));
  const ring = new SigningKeyRing({ cipher });
  const key = await generateSigningKey('ES256', cipher, clock.now());
  ring.apply(key);
  ring.apply({ type: 'SigningKeyActivated', data: { kid: key.data.kid, activatedAt: clock.now().toISOString() } });
  const digester = new SecretDigester(randomBytes(32));
  const base = {
    organizationId: 'org-1',
    serviceAccountId: 'sa-1',
    scopes: ['read'],
    createdAtMs: clock.now().getTime(),
    revoked: false,
    expired: false,
    accountStatus: 'active',
  } as const;
  const client: SecretClientView = {
    ...base,
    type: 'oauth_client',
    tokenEndpointAuthMethod: 'client_secret_basic',
    credentialId: 'cr-1',
    clientId: generateClientId(),
    audiences: [],
    certificateBoundAccessTokens: false,
    currentSecretDigest: 'd',
    secretIssuedAtMs: clock.now().getTime(),
  };
  const apiTokenSecret = generateSecret('apiToken');
  let apiToken: ApiTokenView = { ...base, type: 'api_token', credentialId: 'cr-2', expiresAtMs: clock.now().getTime() + 10 * DAY };
  let policy = DEFAULT_ORGANIZATION_POLICY;
  const revoked = new Set<string>();
  const introspector = new TokenIntrospector({
    accessTokens: new AccessTokenReader({ keys: ring, issuer, clock: clock.now }),
    credentials: {
      findByClientId: (id) => (id === client.clientId ? client : undefined),
      findByDigest: (digest) => (digest === digester.digest(apiTokenSecret) ? apiToken : undefined),
      policyOf: () => policy,
    },
    revoked: { isRevoked: (jti) => revoked.has(jti) },
    digester,
    issuer,
    clock: clock.now,
  });
  const issuedAt = Math.floor(clock.now().getTime() / 1000);
  const { token } = await new AccessTokenSigner({ keys: ring, issuer }).sign({
    jti: 'j1',
    sub: 'sa-1',
    aud: issuer,
    clientId: client.clientId,
    organizationId: 'org-1',
    scopes: ['read'],
    issuedAt,
    expiresAt: issuedAt + 3600,
  });
  return {
    introspector,
    client,
    clock,
    accessToken: token,
    apiTokenSecret,
    revoked,
    changeApiToken: (patch: Partial<ApiTokenView>) => (apiToken = { ...apiToken, ...patch }),
    setPolicy: (patch: Partial<typeof policy>) => (policy = { ...policy, ...patch }),
  };
}

describe('TokenIntrospector (RFC 7662 §2.2), in memory', () => {
  it('describes a live access token to a caller of its organization, and nothing to another', async () => {
    const rig = await introspectionRig();
    expect(await rig.introspector.introspect(rig.accessToken, rig.client)).toMatchObject({
      active: true,
      jti: 'j1',
      client_id: rig.client.clientId,
      scope: 'read',
      token_kind: 'access_token',
    });
    expect(await rig.introspector.introspect(rig.accessToken, { ...rig.client, organizationId: 'org-2' })).toEqual({ active: false });
  });

  it('answers inactive for a revoked jti, an expired token and garbage', async () => {
    const rig = await introspectionRig();
    rig.revoked.add('j1');
    expect(await rig.introspector.introspect(rig.accessToken, rig.client)).toEqual({ active: false });
    rig.revoked.clear();
    rig.clock.advance(3601);
    expect(await rig.introspector.introspect(rig.accessToken, rig.client)).toEqual({ active: false });
    expect(await rig.introspector.introspect('not.a.token', rig.client)).toEqual({ active: false });
  });

  it('stops an API token at its expiry or the org max age, whichever is first, and gives that as exp', async () => {
    const rig = await introspectionRig();
    expect(await rig.introspector.introspect(rig.apiTokenSecret, rig.client)).toMatchObject({
      active: true,
      token_kind: 'api_token',
      exp: Math.floor((rig.clock.now().getTime() + 10 * DAY) / 1000),
    });
    rig.setPolicy({ apiTokenMaxAgeDays: 5 });
    expect(await rig.introspector.introspect(rig.apiTokenSecret, rig.client)).toMatchObject({
      active: true,
      exp: Math.floor((rig.clock.now().getTime() + 5 * DAY) / 1000),
    });
    rig.clock.advance(5 * 86_400);
    expect(await rig.introspector.introspect(rig.apiTokenSecret, rig.client)).toEqual({ active: false });
  });

  it('answers inactive for an API token of a suspended account', async () => {
    const rig = await introspectionRig();
    rig.changeApiToken({ accountStatus: 'suspended' });
    expect(await rig.introspector.introspect(rig.apiTokenSecret, rig.client)).toEqual({ active: false });
  });
});
