import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSignedCertificate } from '@keyward/testing/certificates';
import { InvalidConfig } from './config.errors';
import { loadConfig } from './load-config';

describe('TLS, mutual TLS and federation settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-tls-config-'));
  const files = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem'), ca: join(dir, 'ca.pem'), junk: join(dir, 'junk.pem') };
  const base = { DATA_DIR: dir };
  beforeAll(async () => {
    const certificate = await selfSignedCertificate({ subject: 'CN=localhost' });
    writeFileSync(files.cert, certificate.certPem);
    writeFileSync(files.key, certificate.keyPem);
    writeFileSync(files.ca, certificate.certPem);
    writeFileSync(files.junk, 'not pem');
  });
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
    } catch (error) {
      if (error instanceof InvalidConfig) return error.message;
      throw error;
    }
    return 'accepted';
  };

  it('terminates TLS with a certificate and key, and defaults the issuer to https', () => {
    const config = loadConfig({ ...base, TLS_CERT_FILE: files.cert, TLS_KEY_FILE: files.key, TLS_CLIENT_CA_FILE: files.ca });
    expect(config.tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(config.mtls.clientCa?.toString()).toContain('BEGIN CERTIFICATE');
    expect(config.issuer).toBe('https://localhost:3000');
    expect(loadConfig(base)).toMatchObject({
      tls: undefined,
      mtls: {},
      federation: { allowInsecureIssuers: false },
      issuer: 'http://localhost:3000',
    });
  });

  it('names each bad TLS setting without echoing file contents', () => {
    expect(problems({ TLS_CERT_FILE: files.cert })).toMatch(/TLS_CERT_FILE \/ TLS_KEY_FILE: give both/);
    expect(problems({ TLS_CERT_FILE: files.cert, TLS_KEY_FILE: files.junk })).toMatch(/TLS_KEY_FILE: .* is not a PEM private key/);
    expect(problems({ TLS_CERT_FILE: join(dir, 'missing.pem'), TLS_KEY_FILE: files.key })).toMatch(
      /TLS_CERT_FILE: cannot read .* \(ENOENT\)/,
    );
    expect(problems({ TLS_CLIENT_CA_FILE: files.ca })).toMatch(/TLS_CLIENT_CA_FILE: needs TLS_CERT_FILE/);
    expect(problems({ TLS_CLIENT_CERT_HEADER: 'client-cert' })).toMatch(/TLS_CLIENT_CERT_HEADER: needs TRUST_PROXY/);
    expect(problems({ TLS_CLIENT_CERT_HEADER: 'bad header', TRUST_PROXY: '10.0.0.1' })).toMatch(/must be an HTTP header name/);
    expect(problems({ MTLS_ENDPOINT_BASE_URL: 'http://mtls.example' })).toMatch(/MTLS_ENDPOINT_BASE_URL: must be an https URL/);
    expect(problems({ FEDERATION_ALLOW_INSECURE_ISSUERS: 'yes' })).toMatch(
      /FEDERATION_ALLOW_INSECURE_ISSUERS: "yes" must be true or false/,
    );
  });

  it('reads the proxy header name, mtls endpoint base and insecure issuers', () => {
    expect(
      loadConfig({
        ...base,
        TRUST_PROXY: '10.0.0.1',
        TLS_CLIENT_CERT_HEADER: 'Client-Cert',
        TLS_CLIENT_CA_FILE: files.ca,
        MTLS_ENDPOINT_BASE_URL: 'https://mtls.example/',
        FEDERATION_ALLOW_INSECURE_ISSUERS: 'true',
      }),
    ).toMatchObject({
      mtls: { clientCertHeader: 'client-cert', endpointBaseUrl: 'https://mtls.example' },
      federation: { allowInsecureIssuers: true },
    });
  });
});
