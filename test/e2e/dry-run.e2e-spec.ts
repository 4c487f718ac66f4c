import type { EventStore } from '@keyward/event-store';
import { EVENT_STORE } from '@keyward/application';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';

describe('?dryRun=true on the two creates: the real decision, nothing recorded', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let accountId: string;
  const eventCount = async () => (await keyward.app.get<EventStore>(EVENT_STORE).readAll()).length;

  beforeAll(async () => {
    keyward = await startKeyward();
    // free plan: 5 accounts, the admin is the first.
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, await keyward.bootstrap('Acme', 'free')));
    expect((await api('POST', '/scopes', { name: 'read:reports', description: 'Read reports' })).status).toBe(201);
    accountId = (await api('POST', '/service-accounts', { name: 'reports-bot' })).body.id;
  });
  afterAll(() => keyward.dispose());

  /** The dry run answers exactly what the real call answers, and appends nothing. */
  const sameRefusal = async (path: string, body: unknown, status: number) => {
    const before = await eventCount();
    const dry = await api('POST', `${path}?dryRun=true`, body);
    expect(await eventCount()).toBe(before);
    const real = await api('POST', path, body);
    expect(dry.status).toBe(status);
    expect({ status: dry.status, body: dry.body }).toEqual({ status: real.status, body: real.body });
    return dry.body;
  };

  it('a service account: 200 with what would be created, then the same refusals as the real call', async () => {
    const before = await eventCount();
    const dry = await api('POST', '/service-accounts?dryRun=true', { name: 'ledger-export', description: 'Ledger', owner: 'team-finance' });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      dryRun: true,
      name: 'ledger-export',
      description: 'Ledger',
      owner: 'team-finance',
      tags: [],
      status: 'active',
    });
    expect(await eventCount()).toBe(before);
    expect(((await api('GET', '/service-accounts')).body.items as { name: string }[]).map((a) => a.name)).not.toContain('ledger-export');

    expect(await sameRefusal('/service-accounts', { name: '' }, 400)).toMatchObject({ error: 'invalid_request', field: 'name' });
    expect(await sameRefusal('/service-accounts', { name: 'reports-bot' }, 409)).toMatchObject({ field: 'name' });
    expect((await api('PUT', '/organization/policy', { requireOwner: true })).status).toBe(200);
    expect(await sameRefusal('/service-accounts', { name: 'crm-import' }, 400)).toMatchObject({ error: 'owner_required', field: 'owner' });
    expect((await api('POST', '/service-accounts?dryRun=maybe', { name: 'x', owner: 'y' })).body).toMatchObject({ field: 'dryRun' });
  });

  it('the quota: the dry run refuses like the real call and records no refusal', async () => {
    for (const name of ['a-bot', 'b-bot', 'c-bot'])
      expect((await api('POST', '/service-accounts', { name, owner: 'team' })).status).toBe(201);
    const before = await eventCount();
    const dry = await api('POST', '/service-accounts?dryRun=true', { name: 'd-bot', owner: 'team' });
    expect(await eventCount()).toBe(before);
    const real = await api('POST', '/service-accounts', { name: 'd-bot', owner: 'team' });
    expect(real.status).toBeGreaterThanOrEqual(400);
    expect({ status: dry.status, body: dry.body }).toEqual({ status: real.status, body: real.body });
    // The real attempt is on the audit trail; the question was not.
    expect(await eventCount()).toBe(before + 1);
  });

  it('a credential: 200 without id or secret, then the same refusals as the real call', async () => {
    const path = `/service-accounts/${accountId}/credentials`;
    const before = await eventCount();
    const client = await api('POST', `${path}?dryRun=true`, {
      type: 'oauth_client',
      name: 'prod',
      scopes: ['read:reports'],
      accessTokenLifetimeSeconds: 600,
    });
    expect(client.status).toBe(200);
    expect(client.body).toEqual({
      dryRun: true,
      type: 'oauth_client',
      name: 'prod',
      scopes: ['read:reports'],
      tokenEndpointAuthMethod: 'client_secret_basic',
      audiences: [],
      accessTokenLifetimeSeconds: 600,
    });
    const token = await api('POST', `${path}?dryRun=true`, { type: 'api_token', name: 'ci', scopes: ['read:reports'], expiresInDays: 30 });
    expect(token.status).toBe(200);
    expect(Object.keys(token.body).sort()).toEqual(['dryRun', 'expiresAt', 'name', 'scopes', 'type']);
    expect(await eventCount()).toBe(before);
    expect((await api('GET', `/service-accounts/${accountId}`)).body.credentials).toEqual([]);

    expect(await sameRefusal(path, { type: 'api_token', name: 'ci', scopes: ['read:reports'], expiresInDays: 400 }, 400)).toMatchObject({
      field: 'expiresInDays',
    });
    expect(await sameRefusal(path, { type: 'oauth_client', name: 'prod', scopes: ['write:everything'] }, 400)).toMatchObject({
      field: 'scopes',
    });
    expect(
      await sameRefusal(
        `/service-accounts/${crypto.randomUUID()}/credentials`,
        { type: 'oauth_client', name: 'prod', scopes: ['read:reports'] },
        404,
      ),
    ).toBeDefined();
  });

  it('is documented on both operations, with the 200 it answers', async () => {
    const document = (await (await fetch(`${keyward.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, { post: { parameters: unknown[]; responses: Record<string, unknown> } }>;
    };
    for (const path of ['/admin/v1/service-accounts', '/admin/v1/service-accounts/{id}/credentials']) {
      const operation = document.paths[path].post;
      expect(operation.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'dryRun',
            in: 'query',
            required: false,
            schema: expect.objectContaining({ enum: ['true', 'false'] }),
          }),
        ]),
      );
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '201', '400']));
    }
  });
});
