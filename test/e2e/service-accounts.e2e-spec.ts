import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, requestToken } from '../support/oauth-client';

describe('service accounts: lifecycle, quota and tenant isolation', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let orgId: string;

  beforeAll(async () => {
    keyward = await startKeyward();
    const admin = await keyward.bootstrap('Acme');
    orgId = admin.orgId;
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
  });
  afterAll(() => keyward.dispose());

  async function accountWithClient(name: string) {
    const account = await api('POST', '/service-accounts', { name });
    expect(account.status).toBe(201);
    const credential = await api('POST', `/service-accounts/${account.body.id}/credentials`, {
      type: 'oauth_client',
      name: 'prod',
      scopes: ['read:service-accounts'],
    });
    expect(credential.status).toBe(201);
    return {
      id: account.body.id as string,
      client: { clientId: credential.body.clientId as string, clientSecret: credential.body.clientSecret as string },
    };
  }

  it('creates, lists, reads, renames and describes an account', async () => {
    const created = await api('POST', '/service-accounts', { name: 'reports-bot', description: 'Exports reports' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'reports-bot',
      description: 'Exports reports',
      owner: null,
      tags: [],
      status: 'active',
      createdAt: expect.any(String),
    });
    const list = await api('GET', '/service-accounts');
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['admin', 'reports-bot']));
    const changed = await api('PATCH', `/service-accounts/${created.body.id}`, { name: 'reports-exporter', description: '' });
    expect(changed.body).toMatchObject({ name: 'reports-exporter', description: '' });
    expect((await api('GET', `/service-accounts/${created.body.id}`)).body).toMatchObject({ name: 'reports-exporter', credentials: [] });
  });

  it('refuses a duplicate name (ignoring case) with 409', async () => {
    const answer = await api('POST', '/service-accounts', { name: 'ADMIN' });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: 'service_account_name_taken', field: 'name' });
  });

  it('suspends (no token), reactivates (tokens again), and deletes (gone, and its client unknown)', async () => {
    const { id, client } = await accountWithClient('suspend-me');
    expect((await requestToken(keyward.baseUrl, client)).status).toBe(200);

    expect((await api('POST', `/service-accounts/${id}/suspend`, { reason: 'investigating a leak' })).body.status).toBe('suspended');
    const refused = await requestToken(keyward.baseUrl, client);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('unauthorized_client');

    expect((await api('POST', `/service-accounts/${id}/reactivate`)).body.status).toBe('active');
    expect((await requestToken(keyward.baseUrl, client)).status).toBe(200);

    expect((await api('DELETE', `/service-accounts/${id}`)).status).toBe(204);
    expect((await requestToken(keyward.baseUrl, client)).body.error).toBe('invalid_client');
    expect((await api('GET', `/service-accounts/${id}`)).status).toBe(404);
    expect((await api('POST', `/service-accounts/${id}/reactivate`)).status).toBe(404);
  });

  it('enforces the free quota of 5 with a clear error, records the refusal, and frees a slot on delete', async () => {
    const org = async () => (await api('GET', '/organization')).body;
    const start = await org();
    expect(start).toMatchObject({ id: orgId, plan: 'free', quota: 5 });
    const created: string[] = [];
    for (let used = start.used; used < 5; used++)
      created.push((await api('POST', '/service-accounts', { name: `filler-${used}` })).body.id);
    expect((await org()).used).toBe(5);

    const refused = await api('POST', '/service-accounts', { name: 'one-too-many' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'service_account_quota_exceeded', message: expect.stringContaining('free plan allows 5') });
    expect((await api('GET', '/service-accounts')).body.items.map((a: { name: string }) => a.name)).not.toContain('one-too-many');

    const audit = await api('GET', '/audit-events?limit=5');
    expect(audit.body.items.map((e: { type: string }) => e.type)).toContain('keyward.service_account_quota.refused.v1');
    expect((await api('DELETE', `/service-accounts/${created[0]}`)).status).toBe(204);
    expect((await api('POST', '/service-accounts', { name: 'one-too-many' })).status).toBe(201);
  });

  it('never shows or changes another organization’s accounts (404)', async () => {
    const other = await keyward.bootstrap('Globex');
    const otherApi = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, other));
    const mine = (await api('GET', '/service-accounts')).body.items[0].id as string;
    expect((await otherApi('GET', `/service-accounts/${mine}`)).status).toBe(404);
    expect((await otherApi('PATCH', `/service-accounts/${mine}`, { name: 'hijacked' })).status).toBe(404);
    expect((await otherApi('POST', `/service-accounts/${mine}/suspend`)).status).toBe(404);
    expect((await otherApi('DELETE', `/service-accounts/${mine}`)).status).toBe(404);
    expect(
      (await otherApi('POST', `/service-accounts/${mine}/credentials`, { type: 'api_token', name: 'x', scopes: ['read:service-accounts'] }))
        .status,
    ).toBe(404);
    expect((await otherApi('GET', '/service-accounts')).body.items.map((a: { id: string }) => a.id)).not.toContain(mine);
    expect((await api('GET', `/service-accounts/${mine}`)).body.name).not.toBe('hijacked');
  });
});
