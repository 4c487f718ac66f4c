import { SignJWT, UnsecuredJWT } from 'jose';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { TestClock } from '@keyward/testing/test-clock';
import { accessToken, adminApi, clientAssertion, type ClientKey, newClientKey, postForm } from '../support/oauth-client';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('private_key_jwt client authentication (RFC 7523 §2.2, §3)', () => {
  let server: KeywardUnderTest;
  const clock = new TestClock();
  let adminToken: string;
  let accountId: string;
  let key: ClientKey;
  let client: { id: string; clientId: string };
  let tokenUrl: string;

  const assertionRequest = (assertion: string, extra: Record<string, string> = {}) =>
    postForm(tokenUrl, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion, ...extra });

  beforeAll(async () => {
    server = await startKeyward({ clock: clock.now });
    tokenUrl = `${server.baseUrl}/oauth/token`;
    const admin = await server.bootstrap(undefined, 'enterprise');
    adminToken = await accessToken(server.baseUrl, admin);
    accountId = (await adminApi(server.baseUrl, adminToken)('POST', '/service-accounts', { name: 'signer' })).body.id;
    key = await newClientKey('key-1');
    const created = await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/credentials`, {
      type: 'oauth_client',
      name: 'jwt',
      scopes: ['read:service-accounts'],
      jwks: { keys: [key.publicJwk] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tokenEndpointAuthMethod: 'private_key_jwt' });
    expect(created.body.clientSecret).toBeUndefined();
    client = created.body;
  });
  afterAll(() => server.dispose());

  it('issues a token for an assertion with aud = issuer or token endpoint, with or without client_id', async () => {
    for (const aud of [server.baseUrl, tokenUrl]) {
      const answer = await assertionRequest(await clientAssertion(key, client.clientId, aud));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ token_type: 'Bearer', scope: 'read:service-accounts' });
    }
    expect((await assertionRequest(await clientAssertion(key, client.clientId, tokenUrl), { client_id: client.clientId })).status).toBe(
      200,
    );
  });

  it('accepts EdDSA, PS256 and RS256 keys added later, and refuses a removed key', async () => {
    for (const alg of ['EdDSA', 'PS256', 'RS256'] as const) {
      const other = await newClientKey(`key-${alg}`, alg);
      expect(
        (
          await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/credentials/${client.id}/keys`, {
            jwk: other.publicJwk,
          })
        ).status,
      ).toBe(201);
      expect((await assertionRequest(await clientAssertion(other, client.clientId, tokenUrl))).status).toBe(200);
      expect(
        (await adminApi(server.baseUrl, adminToken)('DELETE', `/service-accounts/${accountId}/credentials/${client.id}/keys/key-${alg}`))
          .status,
      ).toBe(200);
      const refused = await assertionRequest(await clientAssertion(other, client.clientId, tokenUrl));
      expect(refused.status).toBe(401);
    }
    const last = await adminApi(server.baseUrl, adminToken)('DELETE', `/service-accounts/${accountId}/credentials/${client.id}/keys/key-1`);
    expect(last.status).toBe(409);
  });

  it('refuses a replayed jti', async () => {
    const assertion = await clientAssertion(key, client.clientId, tokenUrl);
    expect((await assertionRequest(assertion)).status).toBe(200);
    const replay = await assertionRequest(assertion);
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual({ error: 'invalid_client', error_description: 'client authentication failed' });
  });

  it('refuses every malformed or wrong assertion with invalid_client (RFC 7521 §4.2.1)', async () => {
    const stranger = await newClientKey('key-1');
    const hmac = await new SignJWT({ iss: client.clientId, sub: client.clientId, aud: tokenUrl, jti: 'h1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new Uint8Array(32));
    const none = new UnsecuredJWT({ iss: client.clientId, sub: client.clientId, aud: tokenUrl, jti: 'n1' })
      .setIssuedAt()
      .setExpirationTime('1m')
      .encode();
    const now = Math.floor(Date.now() / 1000);
    const cases: Record<string, string> = {
      'not a JWT': 'not.a.jwt',
      garbage: 'abc',
      'alg none': none,
      'alg HS256': hmac,
      'unknown kid': await clientAssertion(key, client.clientId, tokenUrl, { header: { kid: 'nope' } }),
      'signed by another key': await clientAssertion(stranger, client.clientId, tokenUrl),
      'iss differs from sub': await clientAssertion(key, client.clientId, tokenUrl, { claims: { iss: 'someone-else' } }),
      'wrong audience': await clientAssertion(key, client.clientId, 'https://elsewhere.example'),
      expired: await clientAssertion(key, client.clientId, tokenUrl, { claims: { iat: now - 600, exp: now - 300 } }),
      'exp more than 5 minutes ahead': await clientAssertion(key, client.clientId, tokenUrl, { claims: { exp: now + 3600 } }),
      'no jti': await clientAssertion(key, client.clientId, tokenUrl, { claims: { jti: undefined } }),
      'unknown client': await clientAssertion(key, 'kw_ci_unknown', tokenUrl),
    };
    for (const [name, assertion] of Object.entries(cases)) {
      const answer = await assertionRequest(assertion);
      expect({ name, status: answer.status, body: answer.body }).toEqual({
        name,
        status: 401,
        body: { error: 'invalid_client', error_description: 'client authentication failed' },
      });
    }
  });

  it('refuses a wrong assertion type, an assertion beside a secret or a Basic header, and a client_id that differs', async () => {
    const assertion = await clientAssertion(key, client.clientId, tokenUrl);
    const wrongType = await postForm(tokenUrl, {
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:x',
      client_assertion: assertion,
    });
    expect(wrongType.body).toMatchObject({ error: 'invalid_request' });
    const withSecret = await assertionRequest(assertion, { client_secret: 'kw_cs_x' });
    expect(withSecret.body).toMatchObject({ error: 'invalid_request' });
    const withBasic = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion },
      { basic: { id: client.clientId, secret: 'x' } },
    );
    expect(withBasic.body).toMatchObject({ error: 'invalid_request' });
    const otherId = await assertionRequest(await clientAssertion(key, client.clientId, tokenUrl), { client_id: 'kw_ci_other' });
    expect(otherId.status).toBe(401);
  });

  it('refuses an assertion for a secret client, and a secret for a key client', async () => {
    const admin = await server.bootstrap(undefined, 'enterprise');
    const forSecretClient = await assertionRequest(await clientAssertion(key, admin.clientId, tokenUrl));
    expect(forSecretClient.status).toBe(401);
    const secretForKeyClient = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { basic: { id: client.clientId, secret: admin.clientSecret } },
    );
    expect(secretForKeyClient.status).toBe(401);
  });

  it('refuses a JWK set holding a private key or an HMAC key at creation', async () => {
    const privateJwk = { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c', kid: 'p' };
    for (const jwk of [privateJwk, { kty: 'oct', k: 'c2VjcmV0', kid: 'h' }]) {
      const answer = await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/credentials`, {
        type: 'oauth_client',
        name: `bad-${jwk.kid}`,
        scopes: ['read:service-accounts'],
        jwks: { keys: [jwk] },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.field).toMatch(/jwks/);
    }
  });
});
