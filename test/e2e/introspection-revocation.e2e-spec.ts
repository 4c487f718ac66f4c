import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { TestClock } from '@keyward/testing/test-clock';
import { accessToken, adminApi, postForm } from '../support/oauth-client';

describe('introspection (RFC 7662) and revocation (RFC 7009)', () => {
  let server: KeywardUnderTest;
  const clock = new TestClock();
  let adminToken: string;
  let accountId: string;
  let resourceServer: { id: string; clientId: string; clientSecret: string };
  let app: { id: string; clientId: string; clientSecret: string };
  const introspect = (token: string, as = resourceServer) =>
    postForm(`${server.baseUrl}/oauth/introspect`, { token }, { basic: { id: as.clientId, secret: as.clientSecret } });
  const revoke = (token: string, as: { clientId: string; clientSecret: string }) =>
    postForm(`${server.baseUrl}/oauth/revoke`, { token }, { basic: { id: as.clientId, secret: as.clientSecret } });
  const credential = async (body: object) =>
    (await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/credentials`, body)).body;

  beforeAll(async () => {
    server = await startKeyward({ clock: clock.now });
    const admin = await server.bootstrap(undefined, 'enterprise');
    adminToken = await accessToken(server.baseUrl, admin);
    await adminApi(server.baseUrl, adminToken)('POST', '/scopes', { name: 'read:reports', description: 'Reports' });
    accountId = (await adminApi(server.baseUrl, adminToken)('POST', '/service-accounts', { name: 'reports-api' })).body.id;
    resourceServer = await credential({ type: 'oauth_client', name: 'rs', scopes: ['introspect'] });
    app = await credential({ type: 'oauth_client', name: 'app', scopes: ['read:reports'] });
  });
  afterAll(() => server.dispose());

  it('answers for a live JWT access token with its claims, uncached', async () => {
    const token = await accessToken(server.baseUrl, app);
    const answer = await introspect(token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toMatchObject({
      active: true,
      scope: 'read:reports',
      client_id: app.clientId,
      token_type: 'Bearer',
      sub: accountId,
      iss: server.baseUrl,
      aud: server.baseUrl,
      token_kind: 'access_token',
    });
    expect(answer.body.exp - answer.body.iat).toBe(3600);
  });

  it("answers {active:false} and nothing else for garbage, foreign-signed, and other organizations' tokens", async () => {
    for (const token of ['garbage', 'a.b.c', 'kw_at_notreal']) expect((await introspect(token)).body).toEqual({ active: false });
    const other = await server.bootstrap(undefined, 'enterprise');
    const otherToken = await accessToken(server.baseUrl, other);
    expect((await introspect(otherToken)).body).toEqual({ active: false });
  });

  it('answers for API tokens, by digest, until revoked', async () => {
    const apiToken = await credential({ type: 'api_token', name: 'ci', scopes: ['read:reports'], expiresInDays: 7 });
    const answer = await introspect(apiToken.token);
    expect(answer.body).toMatchObject({
      active: true,
      scope: 'read:reports',
      sub: accountId,
      token_type: 'Bearer',
      token_kind: 'api_token',
    });
    expect(answer.body.exp - answer.body.iat).toBe(7 * 86400);
    expect((await revoke(apiToken.token, app)).status).toBe(200);
    expect((await introspect(apiToken.token)).body).toEqual({ active: false });
    const details = await adminApi(server.baseUrl, adminToken)('GET', `/service-accounts/${accountId}`);
    expect(details.body.credentials.find((c: { id: string }) => c.id === apiToken.id).revokedAt).toEqual(expect.any(String));
  });

  it('revokes an access token by jti: inactive at once, and revoking again is still 200', async () => {
    const token = await accessToken(server.baseUrl, app);
    const answer = await revoke(token, app);
    expect(answer.status).toBe(200);
    expect((await introspect(token)).body).toEqual({ active: false });
    expect((await revoke(token, app)).status).toBe(200);
    expect((await revoke('not-a-token', app)).status).toBe(200);
  });

  it("refuses to revoke another client's token unless the caller is an admin client", async () => {
    const token = await accessToken(server.baseUrl, app);
    const refused = await revoke(token, resourceServer);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('unauthorized_client');
    expect((await introspect(token)).body.active).toBe(true);
  });

  it('makes every token of a revoked credential or a suspended account inactive', async () => {
    const other = await credential({ type: 'oauth_client', name: 'short-lived', scopes: ['read:reports'] });
    const token = await accessToken(server.baseUrl, other);
    expect((await introspect(token)).body.active).toBe(true);
    await adminApi(server.baseUrl, adminToken)('DELETE', `/service-accounts/${accountId}/credentials/${other.id}`);
    expect((await introspect(token)).body).toEqual({ active: false });

    const appToken = await accessToken(server.baseUrl, app);
    const second = await adminApi(server.baseUrl, adminToken)('POST', '/service-accounts', { name: 'introspector' });
    const rs2 = (
      await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${second.body.id}/credentials`, {
        type: 'oauth_client',
        name: 'rs2',
        scopes: ['introspect'],
      })
    ).body;
    await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/suspend`, { reason: 'test' });
    expect((await introspect(appToken, rs2)).body).toEqual({ active: false });
    await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/reactivate`);
    expect((await introspect(appToken, rs2)).body.active).toBe(true);
  });

  it('needs an authenticated client holding the introspect scope, POST and a form body', async () => {
    const token = await accessToken(server.baseUrl, app);
    // A right secret without the introspect scope answers as a wrong one (test/e2e/introspection-oracle.e2e-spec.ts).
    const noScope = await introspect(token, app);
    expect(noScope.status).toBe(401);
    expect(noScope.body.error).toBe('invalid_client');
    const noAuth = await postForm(`${server.baseUrl}/oauth/introspect`, { token });
    expect(noAuth.status).toBe(401);
    const wrongSecret = await introspect(token, { ...resourceServer, clientSecret: app.clientSecret });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.headers.get('www-authenticate')).toMatch(/^Basic/);
    const missing = await postForm(
      `${server.baseUrl}/oauth/introspect`,
      {},
      { basic: { id: resourceServer.clientId, secret: resourceServer.clientSecret } },
    );
    expect(missing.body.error).toBe('invalid_request');
    const duplicated = await postForm(
      `${server.baseUrl}/oauth/introspect`,
      { token: [token, token] },
      { basic: { id: resourceServer.clientId, secret: resourceServer.clientSecret } },
    );
    expect(duplicated.body.error).toBe('invalid_request');
    const json = await fetch(`${server.baseUrl}/oauth/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(json.status).toBe(400);
    for (const path of ['introspect', 'revoke']) {
      const get = await fetch(`${server.baseUrl}/oauth/${path}`);
      // RFC 9110 §15.5.6: 405 with Allow, in the RFC 6749 §5.2 error shape.
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
      expect(((await get.json()) as { error: string }).error).toBe('invalid_request');
    }
  });
});
