import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import {
  selfSignedCertificate,
  testCertificateAuthority,
  type TestCertificate,
  type TestCertificateAuthority,
} from '@keyward/testing/certificates';
import { postForm } from '../support/oauth-client';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { startClientCertProxy } from '../support/mtls/client-cert-proxy';
import { curlPost, httpsAdmin, httpsPost, httpsRequest, type TlsAnswer } from '../support/mtls/tls-client';

const DN = 'CN=reports-exporter,O=Acme,C=US';
const thumbprint = (certificate: TestCertificate) => createHash('sha256').update(certificate.der).digest('base64url');
const basic = (client: { clientId: string; clientSecret: string }) => ({
  authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
});

/** Certificates made by the test: a server CA for keyward's listener, a client CA (TLS_CLIENT_CA_FILE), and client certificates. */
interface Pki {
  readonly dir: string;
  readonly serverCa: TestCertificateAuthority;
  readonly clientCa: TestCertificateAuthority;
  readonly files: { readonly cert: string; readonly key: string; readonly serverCa: string; readonly clientCa: string };
  readonly server: TestCertificate;
  file(name: string, content: string): string;
}

async function makePki(): Promise<Pki> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-mtls-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };
  const serverCa = await testCertificateAuthority('CN=keyward test server CA');
  const clientCa = await testCertificateAuthority('CN=keyward test client CA');
  const server = await serverCa.issue({
    subject: 'CN=localhost',
    sans: [
      { type: 'ip', value: '127.0.0.1' },
      { type: 'dns', value: 'localhost' },
    ],
  });
  return {
    dir,
    serverCa,
    clientCa,
    server,
    file,
    files: {
      cert: file('server.pem', server.certPem),
      key: file('server.key', server.keyPem),
      serverCa: file('server-ca.pem', serverCa.certPem),
      clientCa: file('client-ca.pem', clientCa.certPem),
    },
  };
}

describe("mutual TLS (RFC 8705) through keyward's own TLS listener", () => {
  let pki: Pki;
  let keyward: KeywardUnderTest;
  let admin: ReturnType<typeof httpsAdmin>;
  let accountId: string;
  let issued: TestCertificate;
  beforeAll(async () => {
    pki = await makePki();
    keyward = await startKeyward({
      env: { TLS_CERT_FILE: pki.files.cert, TLS_KEY_FILE: pki.files.key, TLS_CLIENT_CA_FILE: pki.files.clientCa },
    });
    const bootstrap = await keyward.bootstrap('MutualTls');
    const token = await httpsPost(
      `${keyward.baseUrl}/oauth/token`,
      { grant_type: 'client_credentials' },
      { ca: pki.serverCa.certPem, headers: basic(bootstrap) },
    );
    admin = httpsAdmin(keyward.baseUrl, token.body.access_token as string, { ca: pki.serverCa.certPem });
    accountId = (await admin('POST', '/service-accounts', { name: 'exporter' })).body.id as string;
    issued = await pki.clientCa.issue({ subject: DN, sans: [{ type: 'dns', value: 'exporter.acme.example' }] });
  });
  afterAll(async () => {
    await keyward.dispose();
    rmSync(pki.dir, { recursive: true, force: true });
  });

  const create = async (body: Record<string, unknown>) => {
    const answer = await admin('POST', `/service-accounts/${accountId}/credentials`, {
      type: 'oauth_client',
      scopes: ['read:service-accounts'],
      ...body,
    });
    if (answer.status !== 201) throw new Error(`create failed: ${JSON.stringify(answer.body)}`);
    return answer.body as { id: string; clientId: string; clientSecret?: string; tokenEndpointAuthMethod: string };
  };
  const tokenWith = (clientId: string, client?: TestCertificate) =>
    httpsPost(
      `${keyward.baseUrl}/oauth/token`,
      { grant_type: 'client_credentials', client_id: clientId },
      { ca: pki.serverCa.certPem, client },
    );
  const refusalReason = async (credentialId: string) => {
    const { body } = await admin('GET', `/audit-events?serviceAccountId=${accountId}&limit=100`);
    const items = (body as { items: unknown }).items as {
      type: string;
      subject?: string;
      data: { reason?: string; details?: Record<string, unknown> };
    }[];
    return items.find((item) => item.type === 'keyward.token_request.refused.v1' && item.subject?.endsWith(credentialId))?.data.reason;
  };

  it('tls_client_auth by subject DN: no secret, a certificate-bound token, cnf at introspection, recorded', async () => {
    const client = await create({
      name: 'by-dn',
      scopes: ['read:service-accounts', 'introspect'],
      token_endpoint_auth_method: 'tls_client_auth',
      tls_client_auth_subject_dn: DN,
    });
    expect(client.clientSecret).toBeUndefined();
    const answer = await tokenWith(client.clientId, issued);
    expect(answer.status).toBe(200);
    expect(answer.body.token_type).toBe('Bearer');
    const accessToken = answer.body.access_token as string;
    expect(decodeJwt(accessToken).cnf).toEqual({ 'x5t#S256': thumbprint(issued) });

    // The bound token opens the admin API only over a connection presenting its certificate.
    const listWith = (client?: TestCertificate) =>
      httpsRequest(`${keyward.baseUrl}/admin/v1/service-accounts`, 'GET', undefined, {
        ca: pki.serverCa.certPem,
        client,
        headers: { authorization: `Bearer ${accessToken}` },
      });
    expect((await listWith(issued)).status).toBe(200);
    expect((await listWith()).status).toBe(401);

    const introspected = await httpsPost(
      `${keyward.baseUrl}/oauth/introspect`,
      { token: accessToken, client_id: client.clientId },
      { ca: pki.serverCa.certPem, client: issued },
    );
    expect(introspected.body).toMatchObject({ active: true, token_type: 'Bearer', cnf: { 'x5t#S256': thumbprint(issued) } });

    const { body } = await admin('GET', `/audit-events?serviceAccountId=${accountId}&limit=100`);
    const items = (body as { items: { type: string; subject?: string; data: { details?: unknown } }[] }).items;
    const record = items.find((item) => item.type === 'keyward.access_token.issued.v1' && item.subject?.endsWith(client.id));
    expect(record?.data.details).toMatchObject({ authMethod: 'tls_client_auth', x5tS256: thumbprint(issued) });
  });

  it('refuses a certificate from another CA, with another name, or none', async () => {
    const client = await create({ name: 'refusals', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: DN });
    const impostor = await selfSignedCertificate({ subject: DN });
    const expectRefused = async (answer: TlsAnswer, reason: string) => {
      expect({ status: answer.status, error: answer.body.error }).toEqual({ status: 401, error: 'invalid_client' });
      expect(await refusalReason(client.id)).toBe(reason);
    };
    await expectRefused(await tokenWith(client.clientId, impostor), 'certificate_not_issued_by_client_ca');
    await expectRefused(
      await tokenWith(client.clientId, await pki.clientCa.issue({ subject: 'CN=someone-else,O=Acme,C=US' })),
      'certificate_name_mismatch',
    );
    // Without a certificate nothing proves the client_id: refused before any credential is looked at.
    expect(await tokenWith(client.clientId)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('does not lock a certificate client out for certificates others present with its client_id', async () => {
    const client = await create({ name: 'not-locked-out', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: DN });
    const stranger = await selfSignedCertificate({ subject: 'CN=stranger' });
    for (let i = 0; i < 7; i++) expect((await tokenWith(client.clientId, stranger)).status).toBe(401);
    expect((await tokenWith(client.clientId, issued)).status).toBe(200);
  });

  it('tls_client_auth by DNS SAN, with curl', async () => {
    const client = await create({
      name: 'by-san',
      token_endpoint_auth_method: 'tls_client_auth',
      tls_client_auth_san_dns: 'exporter.acme.example',
    });
    const files = {
      caFile: pki.files.serverCa,
      certFile: pki.file('issued.pem', issued.certPem),
      keyFile: pki.file('issued.key', issued.keyPem),
    };
    const answer = await curlPost(
      `${keyward.baseUrl}/oauth/token`,
      { grant_type: 'client_credentials', client_id: client.clientId },
      files,
    );
    expect(answer.status).toBe(200);
    expect(decodeJwt(answer.body.access_token as string).cnf).toEqual({ 'x5t#S256': thumbprint(issued) });
  });

  it('self_signed_tls_client_auth: the registered certificate by thumbprint, with curl; another is refused', async () => {
    const own = await selfSignedCertificate({ subject: 'CN=edge-device-7' });
    const client = await create({
      name: 'self-signed',
      token_endpoint_auth_method: 'self_signed_tls_client_auth',
      jwks: { keys: [{ x5c: [own.der.toString('base64')] }] },
    });
    expect(client.tokenEndpointAuthMethod).toBe('self_signed_tls_client_auth');
    const files = { caFile: pki.files.serverCa, certFile: pki.file('own.pem', own.certPem), keyFile: pki.file('own.key', own.keyPem) };
    const answer = await curlPost(
      `${keyward.baseUrl}/oauth/token`,
      { grant_type: 'client_credentials', client_id: client.clientId },
      files,
    );
    expect(answer.status).toBe(200);
    expect(decodeJwt(answer.body.access_token as string).cnf).toEqual({ 'x5t#S256': thumbprint(own) });
    const other = await selfSignedCertificate({ subject: 'CN=edge-device-7' });
    expect((await tokenWith(client.clientId, other)).status).toBe(401);
    expect(await refusalReason(client.id)).toBe('certificate_not_registered');
  });

  it("binds a secret client's tokens when it registered for it, and then wants a certificate", async () => {
    const client = await create({ name: 'bound-secret', tls_client_certificate_bound_access_tokens: true });
    const secret = { clientId: client.clientId, clientSecret: client.clientSecret! };
    const without = await httpsPost(
      `${keyward.baseUrl}/oauth/token`,
      { grant_type: 'client_credentials' },
      { ca: pki.serverCa.certPem, headers: basic(secret) },
    );
    expect(without).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const withCertificate = await httpsPost(
      `${keyward.baseUrl}/oauth/token`,
      { grant_type: 'client_credentials' },
      { ca: pki.serverCa.certPem, headers: basic(secret), client: issued },
    );
    expect(withCertificate.status).toBe(200);
    expect(decodeJwt(withCertificate.body.access_token as string).cnf).toEqual({ 'x5t#S256': thumbprint(issued) });
  });

  it('refuses certificate metadata that does not fit', async () => {
    const bad = (body: Record<string, unknown>) =>
      admin('POST', `/service-accounts/${accountId}/credentials`, {
        type: 'oauth_client',
        name: `bad-${Math.random()}`,
        scopes: ['read:service-accounts'],
        ...body,
      });
    expect((await bad({ token_endpoint_auth_method: 'tls_client_auth' })).body).toMatchObject({ field: 'tls_client_auth_subject_dn' });
    expect((await bad({ token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: 'not a dn' })).body).toMatchObject({
      field: 'tls_client_auth_subject_dn',
    });
    expect(
      (
        await bad({
          token_endpoint_auth_method: 'tls_client_auth',
          tls_client_auth_san_dns: 'a.example',
          tls_client_auth_san_uri: 'spiffe://a',
        })
      ).status,
    ).toBe(400);
    expect((await bad({ tls_client_auth_san_dns: 'a.example' })).body).toMatchObject({ field: 'tls_client_auth_san_dns' });
    expect(
      (await bad({ token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks: { keys: [{ x5c: ['bm90IGEgY2VydA=='] }] } })).body,
    ).toMatchObject({ field: 'jwks.keys[0].x5c' });
  });

  it('lists the certificate methods, bound tokens and mtls_endpoint_aliases in its metadata', async () => {
    const metadata = (
      await httpsRequest(`${keyward.baseUrl}/.well-known/oauth-authorization-server`, 'GET', undefined, { ca: pki.serverCa.certPem })
    ).body;
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['tls_client_auth', 'self_signed_tls_client_auth', 'private_key_jwt']),
    );
    expect(metadata).toMatchObject({
      tls_client_certificate_bound_access_tokens: true,
      mtls_endpoint_aliases: { token_endpoint: `${keyward.baseUrl}/oauth/token` },
    });
  });
});

describe('mutual TLS through a TLS-terminating proxy (TLS_CLIENT_CERT_HEADER, TRUST_PROXY)', () => {
  let pki: Pki;
  let keyward: KeywardUnderTest;
  let proxy: { url: string; stop(): Promise<void> };
  let clientId: string;
  let issued: TestCertificate;
  beforeAll(async () => {
    pki = await makePki();
    keyward = await startKeyward({
      env: { TRUST_PROXY: '127.0.0.1', TLS_CLIENT_CERT_HEADER: 'Client-Cert', TLS_CLIENT_CA_FILE: pki.files.clientCa },
    });
    proxy = await startClientCertProxy({
      upstream: keyward.baseUrl,
      cert: pki.server.certPem,
      key: pki.server.keyPem,
      ca: pki.clientCa.certPem,
    });
    const bootstrap = await keyward.bootstrap('Proxied');
    const token = (
      await postForm(
        `${keyward.baseUrl}/oauth/token`,
        { grant_type: 'client_credentials' },
        { basic: { id: bootstrap.clientId, secret: bootstrap.clientSecret } },
      )
    ).body.access_token;
    const admin = httpsAdmin(proxy.url, token, { ca: pki.serverCa.certPem });
    const accountId = (await admin('POST', '/service-accounts', { name: 'behind-proxy' })).body.id;
    clientId = (
      await admin('POST', `/service-accounts/${accountId}/credentials`, {
        type: 'oauth_client',
        name: 'proxied',
        scopes: ['read:service-accounts'],
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: DN,
      })
    ).body.clientId as string;
    issued = await pki.clientCa.issue({ subject: DN });
  });
  afterAll(async () => {
    await proxy.stop();
    await keyward.dispose();
    rmSync(pki.dir, { recursive: true, force: true });
  });

  it('authenticates the certificate the proxy forwards, with node https and with curl', async () => {
    const viaNode = await httpsPost(
      `${proxy.url}/oauth/token`,
      { grant_type: 'client_credentials', client_id: clientId },
      { ca: pki.serverCa.certPem, client: issued },
    );
    expect(viaNode.status).toBe(200);
    expect(decodeJwt(viaNode.body.access_token as string).cnf).toEqual({ 'x5t#S256': thumbprint(issued) });
    const viaCurl = await curlPost(
      `${proxy.url}/oauth/token`,
      { grant_type: 'client_credentials', client_id: clientId },
      { caFile: pki.files.serverCa, certFile: pki.file('c.pem', issued.certPem), keyFile: pki.file('c.key', issued.keyPem) },
    );
    expect(viaCurl.status).toBe(200);
  });

  it("checks the forwarded certificate's issuer itself", async () => {
    const impostor = await selfSignedCertificate({ subject: DN });
    expect(
      (
        await httpsPost(
          `${proxy.url}/oauth/token`,
          { grant_type: 'client_credentials', client_id: clientId },
          { ca: pki.serverCa.certPem, client: impostor },
        )
      ).status,
    ).toBe(401);
  });

  it('ignores the header from a peer that is not a trusted proxy', async () => {
    const untrusting = await startKeyward({
      env: { TRUST_PROXY: '10.255.255.1', TLS_CLIENT_CERT_HEADER: 'Client-Cert', TLS_CLIENT_CA_FILE: pki.files.clientCa },
    });
    try {
      const bootstrap = await untrusting.bootstrap('Direct');
      const forged = { 'client-cert': `:${issued.der.toString('base64')}:` };
      const direct = await postForm(
        `${untrusting.baseUrl}/oauth/token`,
        { grant_type: 'client_credentials', client_id: bootstrap.clientId },
        { headers: forged },
      );
      expect(direct).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    } finally {
      await untrusting.dispose();
    }
  });
});
