import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';

describe('admin API: authentication, bad input and conflicts', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let accountId: string;
  let admin: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    keyward = await startKeyward();
    admin = await keyward.bootstrap('Acme');
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    accountId = (await api('POST', '/service-accounts', { name: 'target' })).body.id;
  });
  afterAll(() => keyward.dispose());

  const count = async () => (await api('GET', '/service-accounts')).body.items.length;

  it('needs a valid Bearer access token of this server (RFC 6750)', async () => {
    const none = await fetch(`${keyward.baseUrl}/admin/v1/service-accounts`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await adminApi(keyward.baseUrl, 'not.a.jwt')('GET', '/service-accounts')).status).toBe(401);
    const token = await accessToken(keyward.baseUrl, admin);
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await adminApi(keyward.baseUrl, tampered)('GET', '/service-accounts')).status).toBe(401);
  });

  it('needs the right scope: read-only tokens cannot write, nor read the audit log', async () => {
    const readOnly = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin, { scope: 'read:service-accounts' }));
    expect((await readOnly('GET', '/service-accounts')).status).toBe(200);
    const write = await readOnly('POST', '/service-accounts', { name: 'nope' });
    expect(write.status).toBe(403);
    expect(write.body.error).toBe('insufficient_scope');
    expect(write.headers.get('www-authenticate')).toContain('scope="manage:service-accounts"');
    expect((await readOnly('GET', '/audit-events')).status).toBe(403);
  });

  it.each([
    ['a missing name', {}, 'name', /^name: must be a string$/],
    ['an empty name', { name: '' }, 'name', /^name: must be longer than or equal to 1 characters$/],
    ['a blank name', { name: '   ' }, 'name', /^name: must not be empty$/],
    ['an overlong name', { name: 'x'.repeat(101) }, 'name', /^name: must be shorter than or equal to 100 characters$/],
    [
      'an overlong description',
      { name: 'ok', description: 'd'.repeat(501) },
      'description',
      /^description: must be shorter than or equal to 500 characters$/,
    ],
    ['a wrong type', { name: 42 }, 'name', /^name: must be a string$/],
    ['an unknown field', { name: 'ok', admin: true }, 'admin', /^admin: is not a known field$/],
  ])('refuses %s with 400 naming the field and the reason, changing nothing', async (_, body, field, message) => {
    const before = await count();
    const answer = await api('POST', '/service-accounts', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: expect.stringMatching(/invalid/), field });
    expect(answer.body.message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('refuses malformed JSON with 400 and bodies over 64 KiB with 413', async () => {
    expect((await api('POST', '/service-accounts', '{"name": "broken"')).status).toBe(400);
    const big = await api('POST', '/service-accounts', { name: 'big', description: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
  });

  it('refuses bad credential input: unknown type, no scopes, unknown scopes, expiry on a client', async () => {
    const path = `/service-accounts/${accountId}/credentials`;
    expect((await api('POST', path, { type: 'password', name: 'x', scopes: ['read:audit-log'] })).body.field).toBe('type');
    expect((await api('POST', path, { type: 'oauth_client', name: 'x', scopes: [] })).body.field).toBe('scopes');
    expect((await api('POST', path, { type: 'oauth_client', name: 'x', scopes: 'read:audit-log' })).body.field).toBe('scopes');
    const unknown = await api('POST', path, { type: 'oauth_client', name: 'x', scopes: ['nope:nothing'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('unknown_scope');
    expect((await api('POST', path, { type: 'oauth_client', name: 'x', scopes: ['read:audit-log'], expiresInDays: 5 })).body.field).toBe(
      'expiresInDays',
    );
    expect((await api('GET', `/service-accounts/${accountId}`)).body.credentials).toEqual([]);
  });

  it('answers 404 for unknown ids and 400 for ids that are not UUIDs', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await api('GET', `/service-accounts/${unknown}`)).status).toBe(404);
    expect((await api('POST', `/service-accounts/${unknown}/suspend`)).status).toBe(404);
    expect((await api('DELETE', `/service-accounts/${accountId}/credentials/${unknown}`)).status).toBe(404);
    const notUuid = await api('GET', '/service-accounts/not-a-uuid');
    expect(notUuid.status).toBe(400);
    expect(notUuid.body).toEqual({ error: 'invalid_input', message: 'id: must be a UUID', field: 'id' });
    expect((await api('DELETE', `/service-accounts/${accountId}/credentials/nope`)).body.field).toBe('credentialId');
  });

  it('answers each concurrent command on one account with 201 or 409 (conflict), and keeps the stream whole', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api('POST', `/service-accounts/${accountId}/credentials`, { type: 'api_token', name: `race-${i}`, scopes: ['read:audit-log'] }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    const created = answers
      .filter((a) => a.status === 201)
      .map((a) => a.body.id)
      .sort();
    const listed = (await api('GET', `/service-accounts/${accountId}`)).body.credentials.map((c: { id: string }) => c.id).sort();
    expect(listed).toEqual(created);
    for (const conflict of answers.filter((a) => a.status === 409)) expect(conflict.body.error).toBe('conflict');
  });

  it('lets concurrent creations of different accounts all land (slot reservations retry)', async () => {
    const other = await keyward.bootstrap('Parallel', 'standard');
    const otherApi = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, other));
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => otherApi('POST', '/service-accounts', { name: `worker-${i}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect((await otherApi('GET', '/organization')).body.used).toBe(7);
  });
});
