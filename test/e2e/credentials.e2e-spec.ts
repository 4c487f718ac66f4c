import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, requestToken } from '../support/oauth-client';

describe('credentials: OAuth clients, API tokens, scopes, rotation, revocation', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let accountId: string;

  beforeAll(async () => {
    keyward = await startKeyward();
    const admin = await keyward.bootstrap('Acme');
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    for (const name of ['read:reports', 'write:reports'])
      expect((await api('POST', '/scopes', { name, description: `${name} scope` })).status).toBe(201);
    accountId = (await api('POST', '/service-accounts', { name: 'reports-bot' })).body.id;
  });
  afterAll(() => keyward.dispose());

  const createClient = async (name: string, scopes = ['read:reports', 'write:reports']) => {
    const answer = await api('POST', `/service-accounts/${accountId}/credentials`, { type: 'oauth_client', name, scopes });
    expect(answer.status).toBe(201);
    return answer.body as { id: string; clientId: string; clientSecret: string };
  };

  it('lists the catalog with the built-in admin scopes and the defined ones', async () => {
    const names = (await api('GET', '/scopes')).body.items.map((s: { name: string }) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['manage:service-accounts', 'read:service-accounts', 'read:audit-log', 'read:reports', 'write:reports']),
    );
    expect((await api('POST', '/scopes', { name: 'read:reports', description: 'again' })).status).toBe(409);
  });

  it('creates an OAuth client whose secret works at once, and is never shown again', async () => {
    const client = await createClient('prod');
    expect(client.clientSecret).toMatch(/^kw_cs_/);
    const token = await requestToken(keyward.baseUrl, client);
    expect(token.status).toBe(200);
    expect(token.body.scope).toBe('read:reports write:reports');
    const account = await api('GET', `/service-accounts/${accountId}`);
    const listed = account.body.credentials.find((c: { id: string }) => c.id === client.id);
    expect(listed).toMatchObject({
      type: 'oauth_client',
      name: 'prod',
      clientId: client.clientId,
      scopes: ['read:reports', 'write:reports'],
      expiresAt: null,
    });
    expect(JSON.stringify(account.body)).not.toContain(client.clientSecret);
    expect(JSON.stringify(account.body)).not.toMatch(/digest/i);
  });

  it('records when a credential was last used', async () => {
    const client = await createClient('usage');
    const before = (await api('GET', `/service-accounts/${accountId}`)).body.credentials.find((c: { id: string }) => c.id === client.id);
    expect(before.lastUsedAt).toBeNull();
    await requestToken(keyward.baseUrl, client);
    // The token answer does not wait for read models (the event is durable first): wait for them, not for time.
    await keyward.readModelsCaughtUp();
    const after = (await api('GET', `/service-accounts/${accountId}`)).body.credentials.find((c: { id: string }) => c.id === client.id);
    expect(after.lastUsedAt).toEqual(expect.any(String));
  });

  it('creates an API token that expires after the given days', async () => {
    const answer = await api('POST', `/service-accounts/${accountId}/credentials`, {
      type: 'api_token',
      name: 'ci',
      scopes: ['read:reports'],
      expiresInDays: 30,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.token).toMatch(/^kw_at_/);
    const days = (Date.parse(answer.body.expiresAt) - Date.parse(answer.body.createdAt)) / 86_400_000;
    expect(days).toBe(30);
    for (const expiresInDays of [0, 366]) {
      const bad = await api('POST', `/service-accounts/${accountId}/credentials`, {
        type: 'api_token',
        name: `bad-${expiresInDays}`,
        scopes: ['read:reports'],
        expiresInDays,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('expiresInDays');
    }
  });

  it('changes scopes (next token has the new ones) and refuses unknown scopes', async () => {
    const client = await createClient('rescoped');
    const changed = await api('PATCH', `/service-accounts/${accountId}/credentials/${client.id}`, {
      scopes: ['read:reports'],
      name: 'read-only',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'read-only', scopes: ['read:reports'] });
    expect((await requestToken(keyward.baseUrl, client)).body.scope).toBe('read:reports');
    expect((await requestToken(keyward.baseUrl, client, { scope: 'write:reports' })).body.error).toBe('invalid_scope');
    const unknown = await api('PATCH', `/service-accounts/${accountId}/credentials/${client.id}`, { scopes: ['delete:everything'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'unknown_scope', field: 'scopes', message: expect.stringContaining('delete:everything') });
  });

  it('rotates with a grace period: old and new secrets both work', async () => {
    const client = await createClient('graceful');
    const rotated = await api('POST', `/service-accounts/${accountId}/credentials/${client.id}/rotate`, { graceSeconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({
      clientId: client.clientId,
      clientSecret: expect.stringMatching(/^kw_cs_/),
      previousSecretExpiresAt: expect.any(String),
    });
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect((await requestToken(keyward.baseUrl, client)).status).toBe(200);
    expect((await requestToken(keyward.baseUrl, { clientId: client.clientId, clientSecret: rotated.body.clientSecret })).status).toBe(200);
  });

  it('rotates without grace: the old secret stops at once', async () => {
    const client = await createClient('abrupt');
    const rotated = await api('POST', `/service-accounts/${accountId}/credentials/${client.id}/rotate`, { graceSeconds: 0 });
    expect((await requestToken(keyward.baseUrl, client)).body.error).toBe('invalid_client');
    expect((await requestToken(keyward.baseUrl, { clientId: client.clientId, clientSecret: rotated.body.clientSecret })).status).toBe(200);
  });

  it('keeps at most two secrets valid: a second rotation ends the first secret', async () => {
    const client = await createClient('twice');
    const first = await api('POST', `/service-accounts/${accountId}/credentials/${client.id}/rotate`, {});
    const second = await api('POST', `/service-accounts/${accountId}/credentials/${client.id}/rotate`, {});
    expect(Date.parse(first.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000); // default 24 h
    expect((await requestToken(keyward.baseUrl, client)).body.error).toBe('invalid_client');
    expect((await requestToken(keyward.baseUrl, { clientId: client.clientId, clientSecret: first.body.clientSecret })).status).toBe(200);
    expect((await requestToken(keyward.baseUrl, { clientId: client.clientId, clientSecret: second.body.clientSecret })).status).toBe(200);
  });

  it('refuses a grace period over 7 days and rotation of an API token', async () => {
    const client = await createClient('too-long');
    const tooLong = await api('POST', `/service-accounts/${accountId}/credentials/${client.id}/rotate`, { graceSeconds: 7 * 86400 + 1 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.field).toBe('graceSeconds');
    const apiToken = await api('POST', `/service-accounts/${accountId}/credentials`, {
      type: 'api_token',
      name: 'not-rotatable',
      scopes: ['read:reports'],
    });
    expect((await api('POST', `/service-accounts/${accountId}/credentials/${apiToken.body.id}/rotate`, {})).body.error).toBe(
      'not_an_oauth_client',
    );
  });

  it('revokes a credential: it stops at once and shows as revoked', async () => {
    const client = await createClient('revoke-me');
    expect((await api('DELETE', `/service-accounts/${accountId}/credentials/${client.id}`)).status).toBe(204);
    expect((await requestToken(keyward.baseUrl, client)).body.error).toBe('invalid_client');
    const listed = (await api('GET', `/service-accounts/${accountId}`)).body.credentials.find((c: { id: string }) => c.id === client.id);
    expect(listed.revokedAt).toEqual(expect.any(String));
    expect((await api('PATCH', `/service-accounts/${accountId}/credentials/${client.id}`, { name: 'zombie' })).status).toBe(409);
  });

  it('never puts a secret or a digest into the audit events', async () => {
    const client = await createClient('audited');
    const events = (await api('GET', '/audit-events?limit=500')).body.items;
    const text = JSON.stringify(events);
    expect(events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        'keyward.oauth_client.created.v2',
        'keyward.client_secret.rotated.v1',
        'keyward.credential.revoked.v1',
        'keyward.api_token.created.v1',
      ]),
    );
    expect(text).not.toContain(client.clientSecret);
    expect(text).not.toMatch(/secretDigest|tokenDigest|kw_cs_|kw_at_/);
  });
});
