import { request as httpsRequest, createServer as createHttpsServer } from 'node:https';
import { request as httpRequest, createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseTrustedProxies } from '@keyward/config';
import {
  selfSignedCertificate,
  testCertificateAuthority,
  type TestCertificate,
  type TestCertificateAuthority,
} from '@keyward/testing/certificates';
import { ClientCertificateReader } from './client-certificate-reader';
import type { PresentedCertificate } from './presented-certificate';

/** The reader on real sockets: node's TLS server asking for certificates, and a plain listener behind a "proxy". */
describe('ClientCertificateReader', () => {
  let ca: TestCertificateAuthority;
  let issued: TestCertificate;
  let selfSigned: TestCertificate;
  let server: TestCertificate;
  const servers: Server[] = [];
  beforeAll(async () => {
    ca = await testCertificateAuthority();
    issued = await ca.issue({ subject: 'CN=reports,O=Acme' });
    selfSigned = await selfSignedCertificate({ subject: 'CN=self' });
    server = await ca.issue({ subject: 'CN=localhost', sans: [{ type: 'ip', value: '127.0.0.1' }] });
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  async function listen(
    make: (handler: (req: IncomingMessage, res: { end(body: string): void }) => void) => Server,
    reader: ClientCertificateReader,
  ): Promise<number> {
    const s = make((req, res) => res.end(JSON.stringify(reader.read({ socket: req.socket, headers: req.headers }) ?? null)));
    servers.push(s);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return (s.address() as AddressInfo).port;
  }

  const fetchTls = (port: number, client?: TestCertificate) =>
    new Promise<PresentedCertificate | null>((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port, path: '/', ca: ca.certPem, ...(client ? { cert: client.certPem, key: client.keyPem } : {}) },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk)).on('end', () => resolve(JSON.parse(body)));
        },
      );
      req.on('error', reject).end();
    });

  it('reads the handshake certificate: chained to the client CA, or self-signed, or none', async () => {
    const reader = new ClientCertificateReader({
      mtls: { clientCa: Buffer.from(ca.certPem) },
      proxies: parseTrustedProxies('').proxies,
      clock: () => new Date(),
    });
    const port = await listen(
      (handler) =>
        createHttpsServer(
          { cert: server.certPem, key: server.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false },
          handler,
        ),
      reader,
    );
    expect(await fetchTls(port, issued)).toMatchObject({ chainsToClientCa: true, via: 'tls', thumbprint: expect.any(String) });
    expect(await fetchTls(port, selfSigned)).toMatchObject({ chainsToClientCa: false, via: 'tls' });
    expect(await fetchTls(port)).toBeNull();
  });

  it('believes the proxy header from TRUST_PROXY peers only, and checks its chain itself', async () => {
    const trusting = new ClientCertificateReader({
      mtls: { clientCa: Buffer.from(ca.certPem), clientCertHeader: 'client-cert' },
      proxies: parseTrustedProxies('127.0.0.1').proxies,
      clock: () => new Date(),
    });
    const distrusting = new ClientCertificateReader({
      mtls: { clientCa: Buffer.from(ca.certPem), clientCertHeader: 'client-cert' },
      proxies: parseTrustedProxies('10.0.0.1').proxies,
      clock: () => new Date(),
    });
    const later = new ClientCertificateReader({
      mtls: { clientCa: Buffer.from(ca.certPem), clientCertHeader: 'client-cert' },
      proxies: parseTrustedProxies('127.0.0.1').proxies,
      clock: () => new Date(Date.now() + 365 * 24 * 3600 * 1000),
    });
    const get = async (reader: ClientCertificateReader, header?: string) => {
      const port = await listen((handler) => createHttpServer(handler), reader);
      return new Promise<PresentedCertificate | null>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: '/', headers: header ? { 'client-cert': header } : {} }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk)).on('end', () => resolve(JSON.parse(body)));
        })
          .on('error', reject)
          .end();
      });
    };
    const rfc9440 = (certificate: TestCertificate) => `:${certificate.der.toString('base64')}:`;
    expect(await get(trusting, rfc9440(issued))).toMatchObject({ chainsToClientCa: true, via: 'proxy' });
    expect(await get(trusting, rfc9440(selfSigned))).toMatchObject({ chainsToClientCa: false, via: 'proxy' });
    expect(await get(trusting, 'garbage')).toBeNull();
    expect(await get(distrusting, rfc9440(issued))).toBeNull();
    expect(await get(later, rfc9440(issued))).toMatchObject({ chainsToClientCa: false });
  });
});
