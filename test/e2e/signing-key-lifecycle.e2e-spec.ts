import { decodeProtectedHeader, SignJWT } from 'jose';
import { EVENT_STORE } from '@keyward/application';
import type { EventStore } from '@keyward/event-store';
import { SigningKeyRing } from '@keyward/oauth';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, postForm } from '../support/oauth-client';

describe('signing keys: what a key may still verify, and emergency revocation', () => {
  let keyward: KeywardUnderTest;
  let admin: Awaited<ReturnType<KeywardUnderTest['bootstrap']>>;
  let other: Awaited<ReturnType<KeywardUnderTest['bootstrap']>>;
  let gateway: { clientId: string; clientSecret: string };
  beforeAll(async () => {
    const first = await startKeyward();
    admin = await first.bootstrap('Operator', 'enterprise');
    other = await first.bootstrap('Tenant');
    await first.stop();
    keyward = await startKeyward({
      dataDir: first.dataDir,
      env: { OPERATOR_ORGANIZATION_ID: admin.orgId, SIGNING_KEY_PROPAGATION_SECONDS: '0' },
    });
    const api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    const account = (await api('POST', '/service-accounts', { name: 'gateway' })).body;
    gateway = (
      await api('POST', `/service-accounts/${account.id}/credentials`, {
        type: 'oauth_client',
        name: 'introspection',
        scopes: ['introspect'],
      })
    ).body;
  });
  afterAll(() => keyward.dispose());

  const introspect = async (token: string) =>
    (await postForm(`${keyward.baseUrl}/oauth/introspect`, { token }, { basic: { id: gateway.clientId, secret: gateway.clientSecret } }))
      .body;

  it('refuses a token with a valid signature whose lifetime its key could not have issued (exp in 2100)', async () => {
    const genuine = await accessToken(keyward.baseUrl, admin);
    const { kid } = decodeProtectedHeader(genuine);
    const active = keyward.app.get(SigningKeyRing).activeKey()!;
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ client_id: admin.clientId, org_id: admin.orgId, scope: 'manage:service-accounts', jti: 'forged-1' })
      .setProtectedHeader({ alg: active.alg, kid, typ: 'at+jwt' })
      .setIssuer(keyward.baseUrl)
      .setSubject(admin.serviceAccountId)
      .setAudience(keyward.baseUrl)
      .setIssuedAt(now)
      .setExpirationTime(Date.parse('2100-01-01') / 1000)
      .sign(active.privateKey);
    expect(await introspect(genuine)).toMatchObject({ active: true });
    expect(await introspect(forged)).toEqual({ active: false });
    expect((await adminApi(keyward.baseUrl, forged)('GET', '/service-accounts')).status).toBe(401);
  });

  it('revokes a key from the operator-only admin route: out of the JWKS, its tokens inactive at once, recorded, a replacement signing', async () => {
    const token = await accessToken(keyward.baseUrl, admin);
    const { kid } = decodeProtectedHeader(token);
    const tenant = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, other));
    expect((await tenant('POST', `/signing-keys/${kid}/revoke`)).status).toBe(403);
    const revoked = await adminApi(keyward.baseUrl, token)('POST', `/signing-keys/${kid}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ kid, replacementKid: expect.any(String) });
    const jwks = (await (await fetch(`${keyward.baseUrl}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).not.toContain(kid);
    expect(jwks.keys.map((key) => key.kid)).toContain(revoked.body.replacementKid);
    expect(await introspect(token)).toEqual({ active: false });
    expect((await adminApi(keyward.baseUrl, token)('GET', '/service-accounts')).status).toBe(401);
    const fresh = await accessToken(keyward.baseUrl, admin);
    expect(decodeProtectedHeader(fresh).kid).toBe(revoked.body.replacementKid);
    expect(await introspect(fresh)).toMatchObject({ active: true });
    const events = await keyward.app.get<EventStore>(EVENT_STORE).readStream('signing_keys');
    expect(events.filter((e) => e.type === 'SigningKeyRevoked').map((e) => e.data)).toEqual([expect.objectContaining({ kid })]);
    expect((await adminApi(keyward.baseUrl, fresh)('POST', '/signing-keys/no-such-kid/revoke')).status).toBe(404);
  });
});
