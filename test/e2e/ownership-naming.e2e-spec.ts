import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';

describe('ownership and naming: owners, tags, the org naming convention', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    keyward = await startKeyward();
    const admin = await keyward.bootstrap('Acme', 'standard');
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
  });
  afterAll(() => keyward.dispose());

  it('records owner and tags, shows them, and filters the list by owner and by tag', async () => {
    const stripe = await api('POST', '/service-accounts', { name: 'stripe-sync', owner: 'team-payments', tags: ['pci', 'env=prod'] });
    expect(stripe.status).toBe(201);
    expect(stripe.body).toMatchObject({ owner: 'team-payments', tags: ['env=prod', 'pci'] });
    await api('POST', '/service-accounts', { name: 'ledger-export', owner: 'Team-Payments', tags: ['env=staging'] });
    await api('POST', '/service-accounts', { name: 'crm-import', owner: 'alice@example.com', tags: ['env=prod'] });

    const names = async (query: string) =>
      ((await api('GET', `/service-accounts${query}`)).body.items as { name: string }[]).map((a) => a.name).sort();
    expect(await names('?owner=team-payments')).toEqual(['ledger-export', 'stripe-sync']);
    expect(await names('?tag=env%3Dprod')).toEqual(['crm-import', 'stripe-sync']);
    expect(await names('?owner=team-payments&tag=env%3Dprod')).toEqual(['stripe-sync']);
    expect((await api('GET', '/service-accounts?tag=Not%20A%20Tag')).status).toBe(400);

    const changed = await api('PATCH', `/service-accounts/${stripe.body.id}`, { owner: 'team-billing', tags: ['pci'] });
    expect(changed.body).toMatchObject({ owner: 'team-billing', tags: ['pci'] });
    expect((await api('GET', `/service-accounts/${stripe.body.id}`)).body).toMatchObject({ owner: 'team-billing', tags: ['pci'] });
    const audit = await api('GET', `/audit-events?serviceAccountId=${stripe.body.id}&limit=1`);
    expect(audit.body.items[0]).toMatchObject({
      type: 'keyward.service_account_ownership.changed.v1',
      data: { details: { owner: 'team-billing', previousOwner: 'team-payments', tags: ['pci'] } },
    });
  });

  it('refuses malformed tags with the field named, changing nothing', async () => {
    const refused = await api('POST', '/service-accounts', { name: 'bad-tags', tags: ['UPPER case'] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_request', field: 'tags' });
    expect(((await api('GET', '/service-accounts')).body.items as { name: string }[]).map((a) => a.name)).not.toContain('bad-tags');
  });

  it('requires an owner and a naming pattern once the policy says so, quoting its description in the 400', async () => {
    const policy = await api('PUT', '/organization/policy', {
      requireOwner: true,
      accountNamePattern: { pattern: '^svc-[a-z0-9]+-[a-z0-9-]+$', description: 'svc-<team>-<integration>' },
      credentialNamePattern: { pattern: '^(prod|staging|dev)$', description: 'prod, staging or dev' },
    });
    expect(policy.status).toBe(200);
    expect((await api('GET', '/organization/policy')).body).toMatchObject({
      requireOwner: true,
      accountNamePattern: { description: 'svc-<team>-<integration>' },
    });

    const badName = await api('POST', '/service-accounts', { name: 'reports-bot', owner: 'team-data' });
    expect(badName.status).toBe(400);
    expect(badName.body).toMatchObject({
      error: 'naming_policy_violated',
      field: 'name',
      message: expect.stringContaining('svc-<team>-<integration>'),
    });
    const noOwner = await api('POST', '/service-accounts', { name: 'svc-data-reports' });
    expect(noOwner.status).toBe(400);
    expect(noOwner.body).toMatchObject({ error: 'owner_required', field: 'owner' });
    expect(((await api('GET', '/service-accounts')).body.items as { name: string }[]).map((a) => a.name)).not.toContain('svc-data-reports');

    const good = await api('POST', '/service-accounts', { name: 'svc-data-reports', owner: 'team-data' });
    expect(good.status).toBe(201);
    const rename = await api('PATCH', `/service-accounts/${good.body.id}`, { name: 'data-reports' });
    expect(rename.status).toBe(400);
    expect(rename.body.message).toContain('svc-<team>-<integration>');
    expect((await api('PATCH', `/service-accounts/${good.body.id}`, { owner: null })).body).toMatchObject({ error: 'owner_required' });

    const badCredential = await api('POST', `/service-accounts/${good.body.id}/credentials`, {
      type: 'oauth_client',
      name: 'my laptop',
      scopes: ['read:service-accounts'],
    });
    expect(badCredential.status).toBe(400);
    expect(badCredential.body).toMatchObject({ error: 'naming_policy_violated', message: expect.stringContaining('prod, staging or dev') });
    expect(
      (
        await api('POST', `/service-accounts/${good.body.id}/credentials`, {
          type: 'oauth_client',
          name: 'prod',
          scopes: ['read:service-accounts'],
        })
      ).status,
    ).toBe(201);
  });

  it('refuses a naming pattern whose matching cost is unbounded (ReDoS), keeping the policy', async () => {
    const before = (await api('GET', '/organization/policy')).body;
    const refused = await api('PUT', '/organization/policy', { accountNamePattern: { pattern: '^(a|aa)+$', description: 'a' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'accountNamePattern.pattern', message: expect.stringContaining('bounded time') });
    expect((await api('GET', '/organization/policy')).body).toEqual(before);
  });
});
