import { InvalidInput } from '../shared/domain-error';

/**
 * RFC 8705 §2.1.2: a tls_client_auth client names exactly one thing its certificate must carry: the
 * subject DN (RFC 4514 string), or one subject alternative name of one type.
 */
export type TlsClientAuthName =
  | { readonly kind: 'tls_client_auth_subject_dn'; readonly value: string }
  | { readonly kind: 'tls_client_auth_san_dns'; readonly value: string }
  | { readonly kind: 'tls_client_auth_san_uri'; readonly value: string }
  | { readonly kind: 'tls_client_auth_san_ip'; readonly value: string }
  | { readonly kind: 'tls_client_auth_san_email'; readonly value: string };

export const TLS_CLIENT_AUTH_NAME_KINDS = [
  'tls_client_auth_subject_dn',
  'tls_client_auth_san_dns',
  'tls_client_auth_san_uri',
  'tls_client_auth_san_ip',
  'tls_client_auth_san_email',
] as const;

const MAX_NAME = 1024;

/** §2.1.2: "exactly one of the below metadata parameters". The DN's syntax is checked at the edge, where the parser lives. */
export function requireTlsClientAuthName(body: Readonly<Record<string, unknown>>): TlsClientAuthName {
  const given = TLS_CLIENT_AUTH_NAME_KINDS.filter((kind) => body[kind] !== undefined);
  if (given.length !== 1)
    throw new InvalidInput(
      'tls_client_auth_subject_dn',
      `tls_client_auth needs exactly one of ${TLS_CLIENT_AUTH_NAME_KINDS.join(', ')} (RFC 8705 §2.1.2)`,
    );
  const kind = given[0];
  const value = body[kind];
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_NAME || /[\u0000-\u001f]/.test(value))
    throw new InvalidInput(kind, `must be 1 to ${MAX_NAME} characters without control characters`);
  if (kind === 'tls_client_auth_san_ip' && !isIpAddress(value)) throw new InvalidInput(kind, 'must be an IPv4 or IPv6 address');
  if (kind === 'tls_client_auth_san_uri' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(value))
    throw new InvalidInput(kind, 'must be an absolute URI');
  if (kind === 'tls_client_auth_san_email' && !/^[^\s@]+@[^\s@]+$/.test(value)) throw new InvalidInput(kind, 'must be an email address');
  if (kind === 'tls_client_auth_san_dns' && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(value))
    throw new InvalidInput(kind, 'must be a DNS name');
  return { kind, value } as TlsClientAuthName;
}

function isIpAddress(value: string): boolean {
  if (/^(\d{1,3})(\.\d{1,3}){3}$/.test(value)) return value.split('.').every((octet) => Number(octet) <= 255);
  return /^[0-9a-f:.]+$/i.test(value) && value.includes(':') && value.split('::').length <= 2;
}

/** A self-signed client certificate registered for self_signed_tls_client_auth (RFC 8705 §2.2), known by its thumbprint. */
export interface RegisteredClientCertificate {
  /** RFC 8705 §3.1: base64url SHA-256 of the DER certificate. */
  readonly x5tS256: string;
  /** For people: the certificate's subject and end of validity, as registered. */
  readonly subject: string;
  readonly notAfter: string;
}

export const MAX_CLIENT_CERTIFICATES = 10;

/** 1 to 10 certificates, each once (the edge parses them and computes the thumbprints). */
export function requireClientCertificates(certificates: readonly RegisteredClientCertificate[]): RegisteredClientCertificate[] {
  if (certificates.length === 0)
    throw new InvalidInput('jwks.keys', 'self_signed_tls_client_auth needs at least one certificate (a key with x5c, RFC 8705 §2.2)');
  if (certificates.length > MAX_CLIENT_CERTIFICATES)
    throw new InvalidInput('jwks.keys', `a client holds at most ${MAX_CLIENT_CERTIFICATES} certificates`);
  const seen = new Set<string>();
  return certificates.map((certificate, index) => {
    if (!/^[A-Za-z0-9_-]{43}$/.test(certificate.x5tS256))
      throw new InvalidInput(`jwks.keys[${index}]`, 'x5t#S256 must be a base64url SHA-256 thumbprint');
    if (seen.has(certificate.x5tS256)) throw new InvalidInput(`jwks.keys[${index}]`, 'the same certificate is registered twice');
    seen.add(certificate.x5tS256);
    return certificate;
  });
}
