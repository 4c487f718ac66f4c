import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { EventStore } from '@keyward/event-store';
import { generateSecret, TokenRefusalRecorder } from '@keyward/oauth';
import { type BootstrappedOrganization, EVENT_STORE } from '@keyward/application';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, requestToken } from '../support/oauth-client';

describe('POST /oauth/token: client credentials grant (RFC 6749 §4.4)', () => {
  let keyward: KeywardUnderTest;
  let admin: BootstrappedOrganization;
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    keyward = await startKeyward();
    admin = await keyward.bootstrap('Acme');
    client = { clientId: admin.clientId, clientSecret: admin.clientSecret };
  });
  afterAll(() => keyward.dispose());

  it('issues an RFC 9068 access token with client_secret_basic, verifiable with the JWKS', async () => {
    const answer = await requestToken(keyward.baseUrl, client);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('pragma')).toBe('no-cache');
    expect(answer.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'manage:service-accounts read:service-accounts read:audit-log',
    });
    const token = answer.body.access_token as string;
    expect(decodeProtectedHeader(token)).toMatchObject({ typ: 'at+jwt', alg: 'ES256', kid: expect.any(String) });
    const jwks = createRemoteJWKSet(new URL(`${keyward.baseUrl}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token, jwks, { issuer: keyward.baseUrl, audience: keyward.baseUrl, typ: 'at+jwt' });
    expect(payload).toMatchObject({
      sub: admin.serviceAccountId,
      client_id: admin.clientId,
      org_id: admin.orgId,
      scope: expect.any(String),
      jti: expect.any(String),
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('accepts client_secret_post', async () => {
    expect((await requestToken(keyward.baseUrl, client, { method: 'post' })).status).toBe(200);
  });

  it('narrows to a requested subset of scopes', async () => {
    const answer = await requestToken(keyward.baseUrl, client, { scope: 'read:audit-log' });
    expect(answer.body.scope).toBe('read:audit-log');
  });

  it('refuses a scope the credential does not hold with invalid_scope', async () => {
    const answer = await requestToken(keyward.baseUrl, client, { scope: 'read:audit-log introspect' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid_scope', error_description: expect.stringContaining('introspect') });
  });

  it('gives the same invalid_client answer for an unknown client and a wrong secret, with WWW-Authenticate on Basic', async () => {
    const unknown = await requestToken(keyward.baseUrl, { clientId: 'kw_ci_nobody', clientSecret: admin.clientSecret });
    const wrong = await requestToken(keyward.baseUrl, {
      clientId: admin.clientId,
      clientSecret: admin.clientSecret.replace(/.{8}$/, 'AAAAAAAA'),
    });
    for (const answer of [unknown, wrong]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'invalid_client', error_description: 'client authentication failed' });
      expect(answer.headers.get('www-authenticate')).toMatch(/^Basic /);
    }
    const post = await requestToken(keyward.baseUrl, { clientId: 'kw_ci_nobody', clientSecret: admin.clientSecret }, { method: 'post' });
    expect(post.status).toBe(401);
    expect(post.headers.get('www-authenticate')).toBeNull();
  });

  it('refuses other grant types and a missing grant_type', async () => {
    expect((await requestToken(keyward.baseUrl, client, { grantType: 'password' })).body).toMatchObject({
      error: 'unsupported_grant_type',
    });
    const missing = await fetch(`${keyward.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: client.clientId, client_secret: client.clientSecret }),
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses duplicated parameters, credentials in header and body, JSON bodies and GET', async () => {
    const form = `grant_type=client_credentials&scope=read:audit-log&scope=read:service-accounts`;
    const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
    const duplicated = await fetch(`${keyward.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
      body: form,
    });
    expect(duplicated.status).toBe(400);
    expect(await duplicated.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('scope') });

    const both = await requestToken(keyward.baseUrl, client, { extra: { client_id: client.clientId, client_secret: client.clientSecret } });
    expect(both.status).toBe(400);
    expect(both.body.error).toBe('invalid_request');

    const json = await fetch(`${keyward.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });

    const huge = await fetch(`${keyward.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `a=${'x'.repeat(70 * 1024)}`,
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: 'invalid_request', error_description: 'the request body exceeds 64 KiB' });

    const get = await fetch(`${keyward.baseUrl}/oauth/token`);
    // RFC 9110 §15.5.6: 405 with Allow, in the RFC 6749 §5.2 error shape.
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toEqual({ error: 'invalid_request', error_description: 'GET is not allowed here; use POST' });
  });

  it('records every issued token and every refusal, never the secret', async () => {
    const before = await auditEvents();
    await requestToken(keyward.baseUrl, client);
    await requestToken(keyward.baseUrl, { clientId: admin.clientId, clientSecret: generateSecret('clientSecret') });
    await requestToken(keyward.baseUrl, { clientId: admin.clientId, clientSecret: 'not-a-keyward-secret' });
    // Clients that swap id and secret, or paste the secret alone: the secret must not be recorded as an id.
    await requestToken(keyward.baseUrl, { clientId: admin.clientSecret, clientSecret: admin.clientId });
    await requestToken(keyward.baseUrl, { clientId: admin.clientSecret, clientSecret: '' }, { method: 'post' });
    // A refusal repeating one earlier in its window (same client, same reason) is recorded in the window's counted summary.
    await keyward.app.get(TokenRefusalRecorder).flush(true);
    const seen = new Set(before.map((e: { id: string }) => e.id));
    const events = (await auditEvents()).filter((e: { id: string }) => !seen.has(e.id));
    const types = events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['keyward.access_token.issued.v1', 'keyward.token_request.refused.v1']));
    const refusals = events
      .filter((e: { type: string }) => e.type === 'keyward.token_request.refused.v1')
      .map((e: { data: unknown }) => e.data);
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          outcome: 'refused',
          reason: 'wrong_secret',
          organizationId: admin.orgId,
          sourceIp: '127.0.0.1',
          details: expect.objectContaining({ error: 'invalid_client', clientId: admin.clientId }),
        }),
        expect.objectContaining({ reason: 'malformed_secret', details: expect.objectContaining({ clientId: admin.clientId }) }),
      ]),
    );
    expect(JSON.stringify(events)).not.toContain(admin.clientSecret.slice(6, 30));
    const everything = await keyward.app.get<EventStore>(EVENT_STORE).readAll();
    expect(everything.some((e) => e.type === 'TokenRequestRefused' && (e.data as { clientId?: string }).clientId === undefined)).toBe(true);
    expect(JSON.stringify(everything.map(({ data, metadata }) => ({ data, metadata })))).not.toContain(admin.clientSecret.slice(6, 30));
  });

  async function auditEvents() {
    const token = await accessToken(keyward.baseUrl, client, { scope: 'read:audit-log' });
    const answer = await adminApi(keyward.baseUrl, token)('GET', '/audit-events?limit=500');
    expect(answer.status).toBe(200);
    return answer.body.items;
  }
});

describe('discovery (RFC 8414) and JWKS (RFC 7517)', () => {
  let keyward: KeywardUnderTest;
  beforeAll(async () => (keyward = await startKeyward()));
  afterAll(() => keyward.dispose());

  it.each(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'])('%s describes the server', async (path) => {
    const metadata = await (await fetch(keyward.baseUrl + path)).json();
    expect(metadata).toMatchObject({
      issuer: keyward.baseUrl,
      token_endpoint: `${keyward.baseUrl}/oauth/token`,
      jwks_uri: `${keyward.baseUrl}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
      scopes_supported: expect.arrayContaining(['manage:service-accounts', 'read:service-accounts', 'read:audit-log']),
    });
  });

  it('serves public keys only', async () => {
    const jwks = (await (await fetch(`${keyward.baseUrl}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kid: expect.any(String), use: 'sig', alg: 'ES256', kty: 'EC' });
      expect(key.d).toBeUndefined();
    }
  });

  it('serves the OpenAPI document of the admin API', async () => {
    const document = (await (await fetch(`${keyward.baseUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/admin/v1/service-accounts',
        '/admin/v1/service-accounts/{id}/credentials/{credentialId}/rotate',
        '/admin/v1/audit-events',
      ]),
    );
  });
});
