import { decodeJwt } from 'jose';
import type { EventStore } from '@keyward/event-store';
import { ServiceAccountsProjection } from '@keyward/projections';
import { CredentialExpirySweeper } from '../../apps/server/src/admin/credentials/expire-credentials/credential-expiry.sweeper';
import { EVENT_STORE } from '@keyward/application';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { TestClock } from '@keyward/testing/test-clock';
import { accessToken, adminApi, postForm } from '../support/oauth-client';

describe('audiences (RFC 8707), token lifetimes and the organization policy', () => {
  let server: KeywardUnderTest;
  const clock = new TestClock();
  let adminToken: string;
  let accountId: string;
  let organizationId: string;
  const token = (client: { clientId: string; clientSecret: string }, form: Record<string, string | string[]> = {}) =>
    postForm(
      `${server.baseUrl}/oauth/token`,
      { grant_type: 'client_credentials', ...form },
      { basic: { id: client.clientId, secret: client.clientSecret } },
    );
  const credential = async (body: object) =>
    adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/credentials`, body);

  beforeAll(async () => {
    server = await startKeyward({ clock: clock.now });
    const admin = await server.bootstrap(undefined, 'enterprise');
    organizationId = admin.orgId;
    adminToken = await accessToken(server.baseUrl, admin);
    await adminApi(server.baseUrl, adminToken)('POST', '/scopes', { name: 'read:reports', description: 'Reports' });
    accountId = (await adminApi(server.baseUrl, adminToken)('POST', '/service-accounts', { name: 'api-client' })).body.id;
  });
  afterAll(() => server.dispose());

  it('gives the default audience, what was asked among the allowed ones, and invalid_target for anything else', async () => {
    const client = (
      await credential({
        type: 'oauth_client',
        name: 'aud',
        scopes: ['read:reports'],
        audiences: ['https://reports.example.com', 'billing'],
      })
    ).body;
    expect(decodeJwt((await token(client)).body.access_token).aud).toBe('https://reports.example.com');
    expect(decodeJwt((await token(client, { resource: 'https://reports.example.com' })).body.access_token).aud).toBe(
      'https://reports.example.com',
    );
    expect(decodeJwt((await token(client, { audience: 'billing' })).body.access_token).aud).toBe('billing');
    expect(
      decodeJwt((await token(client, { resource: 'https://reports.example.com', audience: 'billing' })).body.access_token).aud,
    ).toEqual(['https://reports.example.com', 'billing']);
    for (const form of [
      { resource: 'https://evil.example.com' },
      { audience: 'other' },
      { resource: 'not-absolute' },
      { resource: 'https://reports.example.com/#frag' },
    ] as Record<string, string>[]) {
      const refused = await token(client, form);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_target');
    }
    const plain = (await credential({ type: 'oauth_client', name: 'plain', scopes: ['read:reports'] })).body;
    expect(decodeJwt((await token(plain)).body.access_token).aud).toBe(server.baseUrl);
    expect((await token(plain, { resource: 'https://reports.example.com' })).body.error).toBe('invalid_target');
  });

  it('uses the credential lifetime under the organization cap, and refuses one above it', async () => {
    const client = (await credential({ type: 'oauth_client', name: 'short', scopes: ['read:reports'], accessTokenLifetimeSeconds: 900 }))
      .body;
    expect((await token(client)).body.expires_in).toBe(900);
    const policy = await adminApi(server.baseUrl, adminToken)('PUT', '/organization/policy', { maxAccessTokenLifetimeSeconds: 600 });
    expect(policy.body).toMatchObject({ maxAccessTokenLifetimeSeconds: 600 });
    expect((await token(client)).body.expires_in).toBe(600);
    const tooLong = await adminApi(server.baseUrl, adminToken)('PATCH', `/service-accounts/${accountId}/credentials/${client.id}`, {
      accessTokenLifetimeSeconds: 1200,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.field).toBe('accessTokenLifetimeSeconds');
    const outOfRange = await adminApi(server.baseUrl, adminToken)('PATCH', `/service-accounts/${accountId}/credentials/${client.id}`, {
      accessTokenLifetimeSeconds: 60,
    });
    expect(outOfRange.status).toBe(400);
    await adminApi(server.baseUrl, adminToken)('PUT', '/organization/policy', { maxAccessTokenLifetimeSeconds: 86400 });
  });

  it('stops secrets and API tokens past the organization max age and records CredentialExpired', async () => {
    const client = (await credential({ type: 'oauth_client', name: 'aging', scopes: ['read:reports'] })).body;
    const apiToken = (await credential({ type: 'api_token', name: 'aging-token', scopes: ['read:reports'], expiresInDays: 30 })).body;
    const introspector = (await credential({ type: 'oauth_client', name: 'rs', scopes: ['introspect'] })).body;
    const policy = await adminApi(server.baseUrl, adminToken)('PUT', '/organization/policy', {
      clientSecretMaxAgeDays: 10,
      apiTokenMaxAgeDays: 10,
    });
    expect(policy.status).toBe(200);
    expect(
      (
        await adminApi(server.baseUrl, adminToken)('POST', `/service-accounts/${accountId}/credentials`, {
          type: 'api_token',
          name: 'too-long',
          scopes: ['read:reports'],
          expiresInDays: 30,
        })
      ).status,
    ).toBe(400);

    clock.advance(11 * 86400);
    const refused = await token(client);
    expect(refused.status).toBe(401);
    const introspected = await postForm(
      `${server.baseUrl}/oauth/introspect`,
      { token: apiToken.token },
      { basic: { id: introspector.clientId, secret: introspector.clientSecret } },
    );
    // The introspector's own secret is past the max age too: it is refused like the others.
    expect(introspected.status).toBe(401);

    // Every secret of the organization aged past the limit, the bootstrap admin's included.
    const expired = await server.app.get(CredentialExpirySweeper).sweep();
    expect(expired).toBeGreaterThanOrEqual(4);
    const account = server.app.get(ServiceAccountsProjection).get(organizationId, accountId)!;
    for (const id of [client.id, apiToken.id, introspector.id])
      expect(account.credentials.find((c) => c.id === id)?.expiredAt).toEqual(expect.any(String));
    const recorded = await server.app.get<EventStore>(EVENT_STORE).readStream(`service_account-${accountId}`);
    expect(recorded.filter((e) => e.type === 'CredentialExpired').map((e) => (e.data as { reason: string }).reason)).toEqual(
      expect.arrayContaining(['api_token_max_age', 'client_secret_max_age']),
    );
    expect(await server.app.get(CredentialExpirySweeper).sweep()).toBe(0);
    // The admin API refuses tokens of an expired credential, like a revoked one.
    expect((await adminApi(server.baseUrl, adminToken)('GET', '/organization')).status).toBe(401);
  });
});
