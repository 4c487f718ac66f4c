import { request } from 'node:http';
import { AUDIT_CURSOR_PATTERN } from '../../apps/server/src/admin/audit-events/list-audit-events/audit-page-cursor';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';

describe('GET /openapi.json and the behaviour it describes', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let document: {
    paths: Record<
      string,
      Record<
        string,
        {
          responses: Record<string, unknown>;
          parameters?: { name: string; schema: { format?: string; pattern?: string } }[];
          requestBody?: { required?: boolean; content: Record<string, unknown> };
        }
      >
    >;
  };

  beforeAll(async () => {
    keyward = await startKeyward();
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, await keyward.bootstrap('Acme')));
    document = (await (await fetch(`${keyward.baseUrl}/openapi.json`)).json()) as typeof document;
  });
  afterAll(() => keyward.dispose());

  it('lists the common error responses on every admin route, and the OAuth endpoints with their form bodies', () => {
    for (const [path, item] of Object.entries(document.paths).filter(([path]) => path.startsWith('/admin/'))) {
      for (const [method, operation] of Object.entries(item)) {
        expect({
          route: `${method} ${path}`,
          errors: ['400', '401', '403', '404', '409', '413', '415', '429', '503'].filter((s) => !(s in operation.responses)),
        }).toEqual({ route: `${method} ${path}`, errors: [] });
      }
    }
    for (const path of ['/oauth/token', '/oauth/introspect', '/oauth/revoke']) {
      expect(Object.keys(document.paths[path].post.requestBody!.content)).toEqual(['application/x-www-form-urlencoded']);
      expect(document.paths[path].post.responses).toHaveProperty('401');
    }
  });

  it('declares UUID path parameters and the before cursor with their formats', () => {
    const account = document.paths['/admin/v1/service-accounts/{id}'].get;
    expect(account.parameters).toContainEqual(expect.objectContaining({ name: 'id', schema: expect.objectContaining({ format: 'uuid' }) }));
    const audit = document.paths['/admin/v1/audit-events'].get.parameters!;
    expect(audit.find((p) => p.name === 'before')?.schema.pattern).toBe(AUDIT_CURSOR_PATTERN.source);
    expect(audit.find((p) => p.name === 'serviceAccountId')?.schema.format).toBe('uuid');
  });

  it('requires the bodies it marks required: PATCH and PUT with no body are a 400 and change nothing', async () => {
    const { id } = (await api('POST', '/service-accounts', { name: 'kept' })).body;
    expect(document.paths['/admin/v1/service-accounts/{id}'].patch.requestBody?.required).toBe(true);
    const patched = await api('PATCH', `/service-accounts/${id}`);
    expect(patched.status).toBe(400);
    expect(patched.body).toMatchObject({ error: 'invalid_request', field: 'body' });
    expect((await api('PUT', '/organization/policy')).status).toBe(400);
    expect((await api('PATCH', `/service-accounts/${id}`, [])).body).toMatchObject({
      field: 'body',
      message: 'body: must be a JSON object',
    });
    expect((await api('PATCH', `/service-accounts/${id}`, { description: null })).body).toMatchObject({
      field: 'description',
      message: 'description: must not be null',
    });
    expect((await api('GET', `/service-accounts/${id}`)).body).toMatchObject({ name: 'kept' });
    // Rotation has defaults for every field: its body may be left out, and the document says so.
    expect(document.paths['/admin/v1/service-accounts/{id}/credentials/{credentialId}/rotate'].post.requestBody?.required).toBe(false);
  });

  it('answers 405 with Allow for methods a resource does not take (TRACE included), 404 for unknown paths', async () => {
    // fetch refuses to send TRACE; node:http does.
    const trace = await new Promise<{ status?: number; allow?: string; body: string }>((resolve, reject) => {
      const req = request(`${keyward.baseUrl}/admin/v1/scopes`, { method: 'TRACE' }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode, allow: res.headers.allow, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(trace.status).toBe(405);
    expect(trace.allow).toBe('GET, HEAD, POST');
    expect(JSON.parse(trace.body)).toEqual({ error: 'method_not_allowed', message: 'TRACE is not allowed here; use GET, HEAD, POST' });
    const del = await fetch(`${keyward.baseUrl}/admin/v1/service-accounts/8f1c2a50-0000-4000-8000-000000000000/suspend`, {
      method: 'DELETE',
    });
    expect([del.status, del.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await fetch(`${keyward.baseUrl}/admin/v1/nothing-here`)).status).toBe(404);
  });
});
