import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** The server's own certificate, when keyward terminates TLS itself. */
export interface TlsConfig {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** RFC 8705: where client certificates come from, and which CA issues those of tls_client_auth. */
export interface MutualTlsConfig {
  /** PEM of the CAs (TLS_CLIENT_CA_FILE): the TLS listener asks for client certificates (never requires one). */
  readonly clientCa?: Buffer;
  /** A header in which a TRUST_PROXY proxy passes the client certificate it verified (RFC 9440 Client-Cert, or URL-encoded PEM). */
  readonly clientCertHeader?: string;
  /** Base of mtls_endpoint_aliases (RFC 8705 §5); the issuer when keyward itself asks for certificates. */
  readonly endpointBaseUrl?: string;
}

/** TLS_CERT_FILE, TLS_KEY_FILE, TLS_CLIENT_CA_FILE, TLS_CLIENT_CERT_HEADER, MTLS_ENDPOINT_BASE_URL: read and checked at boot. */
export function readTlsConfig(env: Env, problems: string[], hasTrustedProxies: boolean): { tls?: TlsConfig; mtls: MutualTlsConfig } {
  const certFile = env.TLS_CERT_FILE || undefined;
  const keyFile = env.TLS_KEY_FILE || undefined;
  if ((certFile === undefined) !== (keyFile === undefined))
    problems.push('TLS_CERT_FILE / TLS_KEY_FILE: give both (the certificate chain and its private key, PEM) or neither');
  const cert = certFile ? readPem('TLS_CERT_FILE', certFile, problems, (pem) => new X509Certificate(pem)) : undefined;
  const key = keyFile ? readPem('TLS_KEY_FILE', keyFile, problems, (pem) => createPrivateKey(pem)) : undefined;
  const caFile = env.TLS_CLIENT_CA_FILE || undefined;
  const clientCa = caFile ? readPem('TLS_CLIENT_CA_FILE', caFile, problems, (pem) => new X509Certificate(pem)) : undefined;

  const clientCertHeader = env.TLS_CLIENT_CERT_HEADER?.toLowerCase() || undefined;
  if (clientCertHeader !== undefined && !/^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/.test(clientCertHeader))
    problems.push('TLS_CLIENT_CERT_HEADER: must be an HTTP header name');
  if (clientCertHeader !== undefined && !hasTrustedProxies)
    problems.push('TLS_CLIENT_CERT_HEADER: needs TRUST_PROXY (the header is believed only from those proxies)');
  if (clientCa && !cert && !clientCertHeader)
    problems.push(
      'TLS_CLIENT_CA_FILE: needs TLS_CERT_FILE/TLS_KEY_FILE or TLS_CLIENT_CERT_HEADER (no client certificate could reach keyward)',
    );

  const endpointBaseUrl = env.MTLS_ENDPOINT_BASE_URL?.replace(/\/$/, '') || undefined;
  if (endpointBaseUrl !== undefined && !/^https:\/\/[^/?#]+(\/[^?#]*)?$/.test(endpointBaseUrl))
    problems.push('MTLS_ENDPOINT_BASE_URL: must be an https URL without query or fragment');
  return {
    tls: cert && key ? { cert, key } : undefined,
    mtls: { clientCa, clientCertHeader, endpointBaseUrl },
  };
}

function readPem(name: string, file: string, problems: string[], parse: (pem: Buffer) => unknown): Buffer | undefined {
  let pem: Buffer;
  try {
    pem = readFileSync(resolve(file));
  } catch (error) {
    problems.push(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
  try {
    parse(pem);
  } catch {
    // Never echo the file: it may be a private key.
    problems.push(`${name}: ${file} is not a PEM ${name === 'TLS_KEY_FILE' ? 'private key' : 'certificate'}`);
    return undefined;
  }
  return pem;
}
