const MAX_HEADER_CHARS = 16 * 1024;
const PEM = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/;

/**
 * The DER of a client certificate a proxy forwards in a header, in the forms proxies write:
 * RFC 9440 §2.2 `Client-Cert` (a structured-field byte sequence, `:base64:`), URL-encoded PEM (nginx
 * `$ssl_client_escaped_cert`), PEM, or bare base64 DER. Undefined for anything else.
 */
export function forwardedCertificateDer(value: string | string[] | undefined): Buffer | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_HEADER_CHARS) return undefined;
  const trimmed = value.trim();
  if (/^:[A-Za-z0-9+/]+={0,2}:$/.test(trimmed)) return Buffer.from(trimmed.slice(1, -1), 'base64');
  let text = trimmed;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return undefined;
    }
  }
  const pem = PEM.exec(text);
  if (pem) return Buffer.from(pem[1].replace(/\s+/g, ''), 'base64');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return Buffer.from(text, 'base64');
  return undefined;
}

/** Splits a PEM bundle (TLS_CLIENT_CA_FILE may hold several CAs) into DER certificates. */
export function pemCertificates(bundle: Buffer | string): Buffer[] {
  const text = bundle.toString();
  const found: Buffer[] = [];
  const all = new RegExp(PEM.source, 'g');
  for (let match = all.exec(text); match !== null; match = all.exec(text)) found.push(Buffer.from(match[1].replace(/\s+/g, ''), 'base64'));
  return found;
}
