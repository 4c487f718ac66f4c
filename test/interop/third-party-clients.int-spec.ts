import { exportJWK, generateKeyPair } from 'jose';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { TestClock } from '@keyward/testing/test-clock';
import { accessToken, adminApi } from '../support/oauth-client';
import { runInteropScript } from './support/run-script';

/** openid-client 6 and oauth4webapi 3, run as real ESM in a child node process, against keyward over HTTP. */
describe('interop: third-party OAuth clients', () => {
  let server: KeywardUnderTest;
  const clock = new TestClock();
  let input: Record<string, unknown>;

  beforeAll(async () => {
    server = await startKeyward({ clock: clock.now });
    const admin = await server.bootstrap(undefined, 'enterprise');
    const adminToken = await accessToken(server.baseUrl, admin);
    await adminApi(server.baseUrl, adminToken)('POST', '/scopes', { name: 'read:reports', description: 'Reports' });
    const accountId = (await adminApi(server.baseUrl, adminToken)('POST', '/service-accounts', { name: 'integration' })).body.id;
    const create = async (body: object) =>
      (await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/credentials`, body)).body;
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = 'interop-1';
    const secretClient = await create({ type: 'oauth_client', name: 'secret', scopes: ['read:reports'] });
    const keyClient = await create({
      type: 'oauth_client',
      name: 'keys',
      scopes: ['read:reports'],
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid }] },
    });
    const introspector = await create({ type: 'oauth_client', name: 'rs', scopes: ['introspect'] });
    input = {
      issuer: server.baseUrl,
      secretClient: { clientId: secretClient.clientId, clientSecret: secretClient.clientSecret },
      keyClient: { clientId: keyClient.clientId, privateJwk: { ...(await exportJWK(privateKey)), kid } },
      introspector: { clientId: introspector.clientId, clientSecret: introspector.clientSecret },
    };
  });
  afterAll(() => server.dispose());

  it('openid-client 6: discovery, client_secret_basic, client_secret_post, private_key_jwt, DPoP, introspection, revocation', async () => {
    const out = await runInteropScript('openid-client.mjs', input);
    expect(out.metadata).toMatchObject({
      issuer: server.baseUrl,
      introspection_endpoint: `${server.baseUrl}/oauth/introspect`,
      revocation_endpoint: `${server.baseUrl}/oauth/revoke`,
      token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'private_key_jwt']),
      dpop_signing_alg_values_supported: expect.arrayContaining(['ES256', 'EdDSA']),
    });
    expect(out.basic).toMatchObject({ token_type: 'bearer', scope: 'read:reports' });
    expect(out.post).toMatchObject({ token_type: 'bearer' });
    expect(out.privateKeyJwt).toMatchObject({ token_type: 'bearer' });
    expect(out.dpop).toMatchObject({ token_type: 'dpop' });
    expect(out.introspectedDpop).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt: expect.any(String) } });
    expect(out.introspectedRevoked).toEqual({ active: false });
  });

  it('oauth4webapi 3: client_secret_basic, private_key_jwt, introspection, RFC 9068 validation, revocation', async () => {
    const out = await runInteropScript('oauth4webapi.mjs', input);
    expect(out.basic).toMatchObject({ token_type: 'bearer', scope: 'read:reports' });
    expect(out.privateKeyJwt).toMatchObject({ token_type: 'bearer' });
    expect(out.introspected).toMatchObject({ active: true, client_id: (input.secretClient as { clientId: string }).clientId });
    expect(out.validated).toMatchObject({
      iss: server.baseUrl,
      client_id: (input.keyClient as { clientId: string }).clientId,
      scope: 'read:reports',
    });
    expect(out.introspectedRevoked).toEqual({ active: false });
  });
});
