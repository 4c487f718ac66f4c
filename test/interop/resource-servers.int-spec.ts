import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { auth } from 'express-oauth2-jwt-bearer';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { TestClock } from '@keyward/testing/test-clock';
import { accessToken, adminApi } from '../support/oauth-client';

// express ships no types of its own and @types/express is not installed; this test only mounts one route.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const express = require('express') as () => any;

/** Resource servers no one here wrote, validating keyward's RFC 9068 access tokens from its JWKS. */
describe('interop: resource servers validating RFC 9068 access tokens', () => {
  let server: KeywardUnderTest;
  const clock = new TestClock();
  let client: { clientId: string; clientSecret: string };
  const audience = 'https://reports.example.com';

  beforeAll(async () => {
    server = await startKeyward({ clock: clock.now });
    const admin = await server.bootstrap(undefined, 'enterprise');
    const adminToken = await accessToken(server.baseUrl, admin);
    await adminApi(server.baseUrl, adminToken)('POST', '/scopes', { name: 'read:reports', description: 'Reports' });
    const accountId = (await adminApi(server.baseUrl, adminToken)('POST', '/service-accounts', { name: 'reports-reader' })).body.id;
    client = (
      await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/credentials`, {
        type: 'oauth_client',
        name: 'c',
        scopes: ['read:reports'],
        audiences: [audience],
      })
    ).body;
  });
  afterAll(() => server.dispose());

  it('jose createRemoteJWKSet + jwtVerify with typ at+jwt', async () => {
    const token = await accessToken(server.baseUrl, client, { resource: audience });
    const jwks = createRemoteJWKSet(new URL(`${server.baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: server.baseUrl,
      audience,
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    expect(protectedHeader.typ).toBe('at+jwt');
    expect(payload).toMatchObject({ client_id: client.clientId, scope: 'read:reports', aud: audience });
    await expect(
      jwtVerify(token, jwks, { issuer: server.baseUrl, audience: 'https://other.example.com', typ: 'at+jwt' }),
    ).rejects.toThrow();
  });

  it('express-oauth2-jwt-bearer in strict RFC 9068 mode: discovery, JWKS, typ, iss, aud, scope', async () => {
    const resource = express();
    resource.get(
      '/reports',
      auth({ issuerBaseURL: server.baseUrl, audience, strict: true, tokenSigningAlg: 'ES256' }),
      (request: { auth?: { payload: Record<string, unknown> } }, response: { json(body: unknown): void }) => {
        response.json({ sub: request.auth?.payload.sub, scope: request.auth?.payload.scope });
      },
    );
    const http: Server = await new Promise((resolve) => {
      const listening: Server = resource.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/reports`;
    try {
      const token = await accessToken(server.baseUrl, client, { resource: audience });
      const ok = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ scope: 'read:reports' });
      const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect((await fetch(url, { headers: { authorization: `Bearer ${tampered}` } })).status).toBe(401);
      const wrongAudience = await accessToken(server.baseUrl, await server.bootstrap(undefined, 'enterprise'));
      expect((await fetch(url, { headers: { authorization: `Bearer ${wrongAudience}` } })).status).toBe(401);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
