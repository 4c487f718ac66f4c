import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';
import { TestClock } from '@keyward/testing/test-clock';

const DAY_S = 86400;

/** A token request from a given address and user agent, as it reaches keyward behind a trusted proxy. */
async function tokenFrom(
  baseUrl: string,
  client: { clientId: string; clientSecret: string },
  ip: string,
  userAgent: string,
  scope?: string,
): Promise<number> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'x-forwarded-for': ip,
      'user-agent': userAgent,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
  });
  await response.text();
  return response.status;
}

describe('credential hygiene report and narrow (injected clock)', () => {
  const clock = new TestClock(Date.parse('2026-11-01T10:00:00Z'));
  let keyward: KeywardUnderTest;
  let admin: Awaited<ReturnType<KeywardUnderTest['bootstrap']>>;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    keyward = await startKeyward({ clock: clock.now, env: { TRUST_PROXY: '127.0.0.1' } });
    admin = await keyward.bootstrap('Acme', 'standard');
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
  });
  afterAll(() => keyward.dispose());

  async function client(account: string, scopes: string[]) {
    const created = await api('POST', `/service-accounts/${account}/credentials`, {
      type: 'oauth_client',
      name: `c-${Math.random().toString(36).slice(2, 7)}`,
      scopes,
    });
    return { id: created.body.id as string, clientId: created.body.clientId as string, clientSecret: created.body.clientSecret as string };
  }
  const item = (report: { credentials: { credentialId: string }[] }, id: string) =>
    report.credentials.find((c) => c.credentialId === id) as unknown as { findings: { code: string }[] } & Record<string, unknown>;
  const codes = (entry: { findings: { code: string }[] }) => entry.findings.map((f) => f.code).sort();

  it('reports granted against used scopes, shared use, idle and unused credentials, secret age and accounts without an owner; narrow follows it', async () => {
    await api('PUT', '/organization/policy', { clientSecretMaxAgeDays: 40 });
    const account = (await api('POST', '/service-accounts', { name: 'reports' })).body.id as string;
    const broad = await client(account, ['read:service-accounts', 'read:audit-log']);
    const idle = await client(account, ['read:service-accounts']);
    const unused = await client(account, ['read:service-accounts']);
    const token = await api('POST', `/service-accounts/${account}/credentials`, {
      type: 'api_token',
      name: 'ci',
      scopes: ['read:service-accounts'],
      expiresInDays: 40,
    });

    expect(await tokenFrom(keyward.baseUrl, idle, '192.0.2.10', 'idle/1.0')).toBe(200);
    clock.advance(30 * DAY_S);
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    // Seven networks (two addresses share a /24; two IPv6 addresses share a /64), one scope of two.
    const sources = [
      '198.51.100.1',
      '198.51.100.200',
      '203.0.113.5',
      '192.0.2.77',
      '2001:db8:1:2::1',
      '2001:db8:1:2::ff',
      '2001:db8:9::1',
      '100.64.0.1',
      '10.1.2.3',
    ];
    for (const [i, ip] of sources.entries())
      expect(await tokenFrom(keyward.baseUrl, broad, ip, `bot/${i % 4}`, 'read:service-accounts')).toBe(200);
    clock.advance(5 * DAY_S);
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));

    const answer = await api('GET', '/reports/credential-hygiene?windowDays=30');
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report).toMatchObject({ generatedAt: clock.now().toISOString(), windowDays: 30 });
    expect(item(report, broad.id)).toMatchObject({
      serviceAccountId: account,
      type: 'oauth_client',
      grantedScopes: ['read:service-accounts', 'read:audit-log'],
      usedScopes: ['read:service-accounts'],
      unusedScopes: ['read:audit-log'],
      secretAgeDays: 35,
      rotationDueInDays: 5,
      distinctSourceNetworks: 7,
      distinctUserAgents: 4,
    });
    expect(codes(item(report, broad.id))).toEqual(['rotation_due_soon', 'shared_use', 'unused_scopes']);
    expect(codes(item(report, idle.id))).toEqual(['rotation_due_soon', 'unused_for_days']);
    expect(codes(item(report, unused.id))).toEqual(['never_used', 'rotation_due_soon']);
    expect(codes(item(report, token.body.id))).toEqual(['expiring_soon', 'never_used']);
    expect(report.accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ serviceAccountId: account, findings: [expect.objectContaining({ code: 'no_owner' })] }),
      ]),
    );
    expect((await api('GET', '/reports/credential-hygiene?windowDays=366')).body).toMatchObject({ field: 'windowDays' });

    const dry = await api('POST', `/service-accounts/${account}/credentials/${broad.id}/narrow`, { dryRun: true });
    expect(dry.body).toEqual({
      dryRun: true,
      credentialId: broad.id,
      windowDays: 30,
      scopes: ['read:service-accounts'],
      removedScopes: ['read:audit-log'],
      previousScopes: ['read:service-accounts', 'read:audit-log'],
    });
    expect(
      (await api('GET', `/service-accounts/${account}`)).body.credentials.find((c: { id: string }) => c.id === broad.id).scopes,
    ).toEqual(['read:service-accounts', 'read:audit-log']);
    const narrowed = await api('POST', `/service-accounts/${account}/credentials/${broad.id}/narrow`, {});
    expect(narrowed.body).toMatchObject({ dryRun: false, scopes: ['read:service-accounts'] });
    expect(
      (await api('GET', `/service-accounts/${account}`)).body.credentials.find((c: { id: string }) => c.id === broad.id).scopes,
    ).toEqual(['read:service-accounts']);
    const audit = await api('GET', `/audit-events?serviceAccountId=${account}&limit=1`);
    expect(audit.body.items[0]).toMatchObject({
      type: 'keyward.credential_scopes.changed.v1',
      data: { scopes: ['read:service-accounts'], details: { previousScopes: ['read:service-accounts', 'read:audit-log'] } },
    });

    // Never to none: a credential unused in the window keeps its scopes (revoke it instead).
    const never = await api('POST', `/service-accounts/${account}/credentials/${unused.id}/narrow`, { dryRun: true });
    expect(never).toMatchObject({ status: 409, body: { error: 'nothing_used_to_narrow_to' } });
  });
});
