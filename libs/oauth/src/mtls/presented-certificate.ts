import { createHash, X509Certificate } from 'node:crypto';

/**
 * The client certificate of a token request: from keyward's own TLS handshake, or from the header of a
 * TRUST_PROXY proxy. `chainsToClientCa` says whether it is issued by a CA of TLS_CLIENT_CA_FILE (the
 * condition of tls_client_auth); a self-signed certificate is matched by thumbprint instead.
 */
export interface PresentedCertificate {
  readonly der: Buffer;
  /** RFC 8705 §3.1: base64url SHA-256 of the DER certificate, the `x5t#S256` of `cnf`. */
  readonly thumbprint: string;
  readonly chainsToClientCa: boolean;
  readonly via: 'tls' | 'proxy';
}

export function certificateThumbprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('base64url');
}

/** Parses DER; undefined when it is not a certificate. */
export function parseCertificate(der: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(der);
  } catch {
    return undefined;
  }
}
