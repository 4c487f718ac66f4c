import type { ClientCredentialView } from '@keyward/projections';
import { selfSignedCertificate, testCertificateAuthority, type TestCertificate } from '@keyward/testing/certificates';
import { InvalidClient } from '../errors/oauth-errors';
import { ClientCertificateVerifier } from './client-certificate-verifier';
import { certificateThumbprint, type PresentedCertificate } from './presented-certificate';

const base = {
  type: 'oauth_client',
  credentialId: 'cr',
  organizationId: 'org',
  serviceAccountId: 'sa',
  scopes: [],
  audiences: [],
  createdAtMs: 0,
  revoked: false,
  expired: false,
  accountStatus: 'active',
  certificateBoundAccessTokens: true,
} as const;
const presented = (certificate: TestCertificate, chainsToClientCa: boolean): PresentedCertificate => ({
  der: certificate.der,
  thumbprint: certificateThumbprint(certificate.der),
  chainsToClientCa,
  via: 'tls',
});

describe('ClientCertificateVerifier (RFC 8705 §2)', () => {
  const now = Date.now();
  let issued: TestCertificate;
  let own: TestCertificate;
  let lapsed: TestCertificate;
  let clients: Record<string, ClientCredentialView>;
  let verifier: ClientCertificateVerifier;
  beforeAll(async () => {
    const ca = await testCertificateAuthority();
    issued = await ca.issue({ subject: 'CN=reports,O=Acme', sans: [{ type: 'url', value: 'spiffe://acme.example/reports' }] });
    own = await selfSignedCertificate({ subject: 'CN=device' });
    lapsed = await selfSignedCertificate({
      subject: 'CN=device',
      notBefore: new Date(now - 10 * 86_400_000),
      notAfter: new Date(now - 86_400_000),
    });
    const registered = (certificate: TestCertificate) => ({
      x5tS256: certificateThumbprint(certificate.der),
      subject: 'CN=device',
      notAfter: new Date(now).toISOString(),
    });
    clients = {
      kw_ci_tls: {
        ...base,
        clientId: 'kw_ci_tls',
        tokenEndpointAuthMethod: 'tls_client_auth',
        tlsClientAuth: { kind: 'tls_client_auth_san_uri', value: 'spiffe://acme.example/reports' },
      },
      kw_ci_self: {
        ...base,
        clientId: 'kw_ci_self',
        tokenEndpointAuthMethod: 'self_signed_tls_client_auth',
        certificates: [registered(own), registered(lapsed)],
      },
      kw_ci_secret: {
        ...base,
        clientId: 'kw_ci_secret',
        tokenEndpointAuthMethod: 'client_secret_basic',
        currentSecretDigest: 'd',
        secretIssuedAtMs: 0,
      },
    };
    verifier = new ClientCertificateVerifier({ credentials: { findByClientId: (id) => clients[id] }, clock: () => new Date(now) });
  });

  const reasonOf = (clientId: string, certificate: PresentedCertificate) => {
    try {
      const proof = verifier.verify({ method: 'tls_client_auth', clientId, certificate });
      return 'credential' in proof ? proof.method : 'proven';
    } catch (error) {
      if (error instanceof InvalidClient) return error.reason;
      throw error;
    }
  };

  it('proves tls_client_auth with a CA-issued certificate carrying the name, and says which method it proved', () => {
    expect(reasonOf('kw_ci_tls', presented(issued, true))).toBe('tls_client_auth');
    expect(reasonOf('kw_ci_tls', presented(issued, false))).toBe('certificate_not_issued_by_client_ca');
    expect(reasonOf('kw_ci_tls', presented(own, true))).toBe('certificate_name_mismatch');
  });

  it("proves self_signed_tls_client_auth by thumbprint, within the certificate's validity", () => {
    expect(reasonOf('kw_ci_self', presented(own, false))).toBe('self_signed_tls_client_auth');
    expect(reasonOf('kw_ci_self', presented(issued, true))).toBe('certificate_not_registered');
    expect(reasonOf('kw_ci_self', presented(lapsed, false))).toBe('certificate_outside_validity');
  });

  it('refuses unknown clients and clients registered for another method', () => {
    expect(reasonOf('kw_ci_nobody', presented(own, false))).toBe('unknown_client');
    expect(reasonOf('kw_ci_secret', presented(issued, true))).toBe('missing_client_secret');
  });
});
