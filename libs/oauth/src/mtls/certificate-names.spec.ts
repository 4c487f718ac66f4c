import { selfSignedCertificate, testCertificateAuthority } from '@keyward/testing/certificates';
import { InvalidInput } from '@keyward/domain';
import { certificateCarriesName, subjectDnSequence } from './certificate-names';
import { forwardedCertificateDer, pemCertificates } from './forwarded-client-certificate';
import { certificateThumbprint } from './presented-certificate';

describe('RFC 8705 §2.1.2 certificate names', () => {
  let der: Buffer;
  beforeAll(async () => {
    const ca = await testCertificateAuthority();
    der = (
      await ca.issue({
        subject: 'CN=reports-exporter,OU=Data,O=Acme\\, Inc.,C=US',
        sans: [
          { type: 'dns', value: 'reports.acme.example' },
          { type: 'url', value: 'spiffe://acme.example/ns/prod/sa/reports' },
          { type: 'ip', value: '2001:db8::1' },
          { type: 'email', value: 'Reports@Acme.example' },
        ],
      })
    ).der;
  });

  it('matches the subject DN RDN by RDN, ignoring case and insignificant spaces', () => {
    expect(
      certificateCarriesName(der, { kind: 'tls_client_auth_subject_dn', value: 'CN=reports-exporter,OU=Data,O=Acme\\, Inc.,C=US' }),
    ).toBe(true);
    expect(
      certificateCarriesName(der, { kind: 'tls_client_auth_subject_dn', value: 'cn=Reports-Exporter, ou=data, o=ACME\\,  Inc., c=us' }),
    ).toBe(true);
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_subject_dn', value: 'CN=reports-exporter,O=Acme\\, Inc.,C=US' })).toBe(
      false,
    );
    expect(
      certificateCarriesName(der, { kind: 'tls_client_auth_subject_dn', value: 'C=US,O=Acme\\, Inc.,OU=Data,CN=reports-exporter' }),
    ).toBe(false);
    expect(
      certificateCarriesName(der, { kind: 'tls_client_auth_subject_dn', value: 'CN=reports-exporter2,OU=Data,O=Acme\\, Inc.,C=US' }),
    ).toBe(false);
  });

  it('matches SANs by type', () => {
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_san_dns', value: 'REPORTS.acme.example' })).toBe(true);
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_san_dns', value: 'acme.example' })).toBe(false);
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_san_uri', value: 'spiffe://acme.example/ns/prod/sa/reports' })).toBe(true);
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_san_uri', value: 'spiffe://acme.example/ns/prod/sa/Reports' })).toBe(false);
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_san_ip', value: '2001:0db8:0:0:0:0:0:1' })).toBe(true);
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_san_ip', value: '2001:db8::2' })).toBe(false);
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_san_email', value: 'Reports@acme.EXAMPLE' })).toBe(true);
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_san_email', value: 'reports@acme.example' })).toBe(false);
    // A name of one type never matches a SAN of another.
    expect(certificateCarriesName(der, { kind: 'tls_client_auth_san_dns', value: 'spiffe://acme.example/ns/prod/sa/reports' })).toBe(false);
  });

  it('matches IPv4 SANs and refuses what is not a certificate', async () => {
    const v4 = (await selfSignedCertificate({ subject: 'CN=device', sans: [{ type: 'ip', value: '192.0.2.10' }] })).der;
    expect(certificateCarriesName(v4, { kind: 'tls_client_auth_san_ip', value: '192.0.2.10' })).toBe(true);
    expect(certificateCarriesName(v4, { kind: 'tls_client_auth_san_ip', value: '192.0.2.1' })).toBe(false);
    expect(certificateCarriesName(Buffer.from('junk'), { kind: 'tls_client_auth_san_ip', value: '192.0.2.10' })).toBe(false);
  });

  it('refuses a registered subject DN that is not one', () => {
    expect(() => subjectDnSequence('not a dn')).toThrow(InvalidInput);
    expect(subjectDnSequence('CN=a,O=b')).toEqual([{ O: ['b'] }, { CN: ['a'] }]);
  });
});

describe('forwarded client certificates', () => {
  it('reads RFC 9440 byte sequences, URL-encoded PEM, PEM and bare base64, and nothing else', async () => {
    const certificate = await selfSignedCertificate({ subject: 'CN=client' });
    const base64 = certificate.der.toString('base64');
    expect(forwardedCertificateDer(`:${base64}:`)).toEqual(certificate.der);
    expect(forwardedCertificateDer(encodeURIComponent(certificate.certPem))).toEqual(certificate.der);
    expect(forwardedCertificateDer(certificate.certPem.replace(/\n/g, ' '))).toEqual(certificate.der);
    expect(forwardedCertificateDer(base64)).toEqual(certificate.der);
    expect(forwardedCertificateDer('%E0%A4%A')).toBeUndefined();
    expect(forwardedCertificateDer(['a', 'b'])).toBeUndefined();
    expect(forwardedCertificateDer('x'.repeat(20_000))).toBeUndefined();
    expect(pemCertificates(`${certificate.certPem}\n${certificate.certPem}`)).toHaveLength(2);
    expect(certificateThumbprint(certificate.der)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
