import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 3600 * 1000;

export interface TestCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly der: Buffer;
}

export interface CertificateRequest {
  /** In RFC 4514 order, as a client registers it ("CN=reports,O=Acme,C=US"). */
  readonly subject: string;
  readonly sans?: readonly { readonly type: 'dns' | 'url' | 'ip' | 'email'; readonly value: string }[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

export interface TestCertificateAuthority extends TestCertificate {
  issue(request: CertificateRequest): Promise<TestCertificate>;
}

/** A CA for tests (a TLS_CLIENT_CA_FILE), made with @peculiar/x509 on node's WebCrypto: no openssl binary. */
export async function testCertificateAuthority(subject = 'CN=keyward test client CA,O=keyward tests'): Promise<TestCertificateAuthority> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: asnOrder(subject),
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 30 * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  const caPem = ca.toString('pem');
  return {
    ...(await bundle(ca, keys.privateKey)),
    certPem: caPem,
    issue: async (request) => {
      const leafKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: asnOrder(request.subject),
        issuer: ca.subject,
        notBefore: request.notBefore ?? new Date(Date.now() - DAY_MS),
        notAfter: request.notAfter ?? new Date(Date.now() + 30 * DAY_MS),
        signingAlgorithm: ALGORITHM,
        publicKey: leafKeys.publicKey,
        signingKey: keys.privateKey,
        extensions: leafExtensions(request),
      });
      return bundle(leaf, leafKeys.privateKey);
    },
  };
}

/** A self-signed client certificate (self_signed_tls_client_auth). */
export async function selfSignedCertificate(request: CertificateRequest): Promise<TestCertificate> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: asnOrder(request.subject),
    notBefore: request.notBefore ?? new Date(Date.now() - DAY_MS),
    notAfter: request.notAfter ?? new Date(Date.now() + 30 * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: leafExtensions(request),
  });
  return bundle(certificate, keys.privateKey);
}

function leafExtensions(request: CertificateRequest): x509.Extension[] {
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.serverAuth]),
  ];
  if (request.sans?.length)
    extensions.push(new x509.SubjectAlternativeNameExtension(request.sans.map((san) => ({ type: san.type, value: san.value }))));
  return extensions;
}

async function bundle(certificate: x509.X509Certificate, privateKey: webcrypto.CryptoKey): Promise<TestCertificate> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
  return { certPem: certificate.toString('pem'), keyPem, der: Buffer.from(certificate.rawData) };
}

/** @peculiar/x509 writes names in sequence order; RFC 4514 strings list the last RDN first. */
const asnOrder = (rfc4514: string): string =>
  new x509.Name(rfc4514)
    .toJSON()
    .reverse()
    .map((rdn) =>
      Object.entries(rdn)
        .map(([type, values]) => `${type}=${escape(values[0])}`)
        .join('+'),
    )
    .join(', ');
const escape = (value: string) => value.replace(/([,+"\\<>;=])/g, '\\$1');
const serial = () => `01${randomBytes(8).toString('hex')}`;
