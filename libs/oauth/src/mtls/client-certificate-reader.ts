import type { X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { MutualTlsConfig, TrustedProxies } from '@keyward/config';
import { forwardedCertificateDer, pemCertificates } from './forwarded-client-certificate';
import { certificateThumbprint, parseCertificate, type PresentedCertificate } from './presented-certificate';

export interface CertificateSource {
  readonly socket: Socket;
  readonly headers: IncomingHttpHeaders;
}

/**
 * Finds the client certificate of a request (RFC 8705 §2). Behind a proxy, the header named by
 * TLS_CLIENT_CERT_HEADER counts only when the direct peer is a TRUST_PROXY address: from anyone else it
 * is ignored, or any client could claim any certificate. Otherwise, keyward's own handshake.
 */
export class ClientCertificateReader {
  private readonly clientCas: readonly X509Certificate[];

  private readonly mtls: MutualTlsConfig;
  private readonly proxies: TrustedProxies;
  private readonly clock: () => Date;

  constructor(props: { readonly mtls: MutualTlsConfig; readonly proxies: TrustedProxies; readonly clock: () => Date }) {
    ({ mtls: this.mtls, proxies: this.proxies, clock: this.clock } = props);
    const { mtls } = props;
    this.clientCas = mtls.clientCa ? pemCertificates(mtls.clientCa).flatMap((der) => parseCertificate(der) ?? []) : [];
  }

  read(source: CertificateSource): PresentedCertificate | undefined {
    const header = this.mtls.clientCertHeader;
    if (header !== undefined && this.proxies.trusts(source.socket.remoteAddress)) {
      const der = forwardedCertificateDer(source.headers[header]);
      const certificate = der && parseCertificate(der);
      if (!der || !certificate) return undefined;
      return { der, thumbprint: certificateThumbprint(der), chainsToClientCa: this.issuedByClientCa(certificate), via: 'proxy' };
    }
    const tls = source.socket as Partial<TLSSocket>;
    const peer = typeof tls.getPeerX509Certificate === 'function' ? tls.getPeerX509Certificate() : undefined;
    if (!peer) return undefined;
    // OpenSSL verified the chain against TLS_CLIENT_CA_FILE (and only that file) during the handshake.
    return {
      der: peer.raw,
      thumbprint: certificateThumbprint(peer.raw),
      chainsToClientCa: this.clientCas.length > 0 && tls.authorized === true,
      via: 'tls',
    };
  }

  /**
   * A forwarded certificate is checked again here: issued and signed by one of the client CAs (no
   * intermediates: RFC 9440's Client-Cert-Chain is not read) and valid now, on the server's clock.
   */
  private issuedByClientCa(certificate: X509Certificate): boolean {
    const now = this.clock().getTime();
    if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) return false;
    return this.clientCas.some((ca) => ca.ca && certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
  }
}
