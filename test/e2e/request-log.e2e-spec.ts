import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, requestToken } from '../support/oauth-client';
import type { BootstrappedOrganization } from '@keyward/application';

interface RequestLine {
  readonly msg: string;
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly durationMs: number;
  readonly correlationId: string;
  readonly clientId?: string;
  readonly serviceAccountId?: string;
}

describe('request log and correlation ids', () => {
  const logLines: string[] = [];
  let keyward: KeywardUnderTest;
  let admin: BootstrappedOrganization;
  let token: string;
  const requestLines = () => logLines.map((line) => JSON.parse(line) as RequestLine).filter((line) => line.msg === 'request');
  const lineOf = (correlationId: string) => requestLines().filter((line) => line.correlationId === correlationId);

  beforeAll(async () => {
    keyward = await startKeyward({ logLines });
    admin = await keyward.bootstrap('Acme');
    token = await accessToken(keyward.baseUrl, admin);
  });
  afterAll(() => keyward.dispose());

  const adminCall = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${keyward.baseUrl}/admin/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('writes one JSON line per request with method, route, status, duration, correlation id and the caller', async () => {
    const granted = await requestToken(keyward.baseUrl, admin, { headers: { 'x-correlation-id': 'token-ok-1' } });
    expect(granted.headers.get('x-correlation-id')).toBe('token-ok-1');
    const refused = await requestToken(
      keyward.baseUrl,
      { clientId: admin.clientId, clientSecret: 'kw_cs_wrong' },
      { method: 'post', headers: { 'x-correlation-id': 'token-refused-1' } },
    );
    expect(refused.status).toBe(401);
    const listed = await adminCall('GET', '/service-accounts', { 'x-correlation-id': 'admin-list-1' });
    expect(listed.status).toBe(200);

    expect(lineOf('token-ok-1')).toEqual([
      expect.objectContaining({
        method: 'POST',
        route: '/oauth/token',
        status: 200,
        durationMs: expect.any(Number),
        clientId: admin.clientId,
      }),
    ]);
    expect(lineOf('token-refused-1')).toEqual([expect.objectContaining({ route: '/oauth/token', status: 401, clientId: admin.clientId })]);
    expect(lineOf('admin-list-1')).toEqual([
      expect.objectContaining({
        method: 'GET',
        route: '/admin/v1/service-accounts',
        status: 200,
        serviceAccountId: admin.serviceAccountId,
        clientId: admin.clientId,
      }),
    ]);
  });

  it('never logs an Authorization header, a secret, a token or a form body', async () => {
    await requestToken(keyward.baseUrl, admin, { method: 'post', extra: { scope: 'read:audit-log' } });
    await requestToken(keyward.baseUrl, { clientId: admin.clientSecret, clientSecret: admin.clientSecret }, { method: 'post' });
    await fetch(`${keyward.baseUrl}/oauth/introspect`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${admin.clientId}:${admin.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token }),
    });
    await adminCall('POST', '/service-accounts', {}, { name: 'logged-account', description: 'form-free' });
    const log = logLines.join('');
    expect(requestLines().length).toBeGreaterThanOrEqual(4);
    for (const forbidden of [
      admin.clientSecret,
      token,
      token.split('.')[1],
      'Bearer',
      'Basic ',
      '"authorization"',
      'grant_type',
      'read:audit-log',
      'logged-account',
    ]) {
      expect({ forbidden, found: log.includes(forbidden) }).toEqual({ forbidden, found: false });
    }
  });

  it('takes the trace id of a W3C traceparent on every endpoint, OAuth included', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const traceparent = `00-${traceId}-00f067aa0ba902b7-01`;
    const answers = [
      await requestToken(keyward.baseUrl, admin, { headers: { traceparent } }),
      { headers: (await fetch(`${keyward.baseUrl}/.well-known/jwks.json`, { headers: { traceparent } })).headers },
      { headers: (await adminCall('GET', '/scopes', { traceparent })).headers },
      { headers: (await fetch(`${keyward.baseUrl}/nowhere`, { headers: { traceparent } })).headers },
    ];
    for (const answer of answers) expect(answer.headers.get('x-correlation-id')).toBe(traceId);
    expect(lineOf(traceId).map((line) => line.route)).toEqual(['/oauth/token', '/.well-known/jwks.json', '/admin/v1/scopes', 'unmatched']);
  });

  it('carries the correlation id into the events and their audit records, token issuance included', async () => {
    const created = await adminCall('POST', '/service-accounts', { 'x-correlation-id': 'create-reporter-7' }, { name: 'reporter' });
    const { id } = (await created.json()) as { id: string };
    await requestToken(keyward.baseUrl, admin, { headers: { 'x-correlation-id': 'grant-for-audit-9' } });
    const records = (await (await adminCall('GET', '/audit-events?limit=100', {})).json()) as {
      items: { type: string; subject?: string; data: { correlationId?: string } }[];
    };
    const creation = records.items.find((r) => r.type === 'keyward.service_account.created.v1' && r.subject === `service_accounts/${id}`);
    expect(creation?.data.correlationId).toBe('create-reporter-7');
    expect(records.items.filter((r) => r.data.correlationId === 'grant-for-audit-9').map((r) => r.type)).toEqual([
      'keyward.access_token.issued.v1',
    ]);
  });
});
