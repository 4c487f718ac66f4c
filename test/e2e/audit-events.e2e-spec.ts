import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';

describe('GET /admin/v1/audit-events', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let accountId: string;

  beforeAll(async () => {
    keyward = await startKeyward();
    const admin = await keyward.bootstrap('Acme');
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    accountId = (await api('POST', '/service-accounts', { name: 'watched' })).body.id;
    await api('POST', `/service-accounts/${accountId}/suspend`, { reason: 'review' });
    await api('POST', `/service-accounts/${accountId}/reactivate`);
  });
  afterAll(() => keyward.dispose());

  it('answers newest first, as the audit records of the topic, with actor and request metadata', async () => {
    const { body } = await api('GET', `/audit-events?serviceAccountId=${accountId}`);
    expect(body.items.map((e: { type: string }) => e.type)).toEqual([
      'keyward.service_account.reactivated.v1',
      'keyward.service_account.suspended.v1',
      'keyward.service_account.created.v1',
      'keyward.service_account_slot.reserved.v1',
    ]);
    expect(body.items[1]).toMatchObject({
      specversion: '1.0',
      position: expect.stringMatching(/^\d+$/),
      subject: `service_accounts/${accountId}`,
      data: {
        reason: 'review',
        serviceAccountId: accountId,
        actor: expect.stringMatching(/^service_account:/),
        sourceIp: '127.0.0.1',
        correlationId: expect.any(String),
        userAgent: expect.any(String),
      },
    });
  });

  it('pages with limit and before, without gaps or repeats', async () => {
    const all = (await api('GET', '/audit-events?limit=500')).body.items.map((e: { id: string }) => e.id);
    const paged: string[] = [];
    let before: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; next: string | null } } = await api(
        'GET',
        `/audit-events?limit=3${before ? `&before=${before}` : ''}`,
      );
      paged.push(...page.body.items.map((e) => e.id));
      before = page.body.next;
    } while (before && paged.length < all.length + 10);
    expect(all.length).toBeGreaterThan(6);
    expect(paged).toEqual(all);
  });

  it('refuses bad queries with 400 naming the field', async () => {
    expect((await api('GET', '/audit-events?limit=0')).body.field).toBe('limit');
    expect((await api('GET', '/audit-events?limit=abc')).body.field).toBe('limit');
    expect((await api('GET', '/audit-events?before=-1')).body.field).toBe('before');
    expect((await api('GET', '/audit-events?serviceAccountId=nope')).body.field).toBe('serviceAccountId');
    expect((await api('GET', '/audit-events?other=1')).status).toBe(400);
  });

  it('shows nothing of another organization', async () => {
    const other = await keyward.bootstrap('Globex');
    const otherApi = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, other));
    const { body } = await otherApi('GET', `/audit-events?serviceAccountId=${accountId}`);
    expect(body.items).toEqual([]);
    const own = (await otherApi('GET', '/audit-events?limit=500')).body.items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e: { source: string }) => e.source === `/organizations/${other.orgId}`)).toBe(true);
  });
});
