import 'reflect-metadata'; // @peculiar/x509 resolves its parsers through tsyringe, which needs it
import { isIP } from 'node:net';
import { InvalidInput, type TlsClientAuthName } from '@keyward/domain';
import { GeneralName, Name, SubjectAlternativeNameExtension, X509Certificate as ParsedCertificate } from '@peculiar/x509';

type RelativeNames = readonly Readonly<Record<string, readonly string[]>>[];

/**
 * RFC 8705 §2.1.2: does the certificate carry the name the client registered? The subject DN compares
 * RDN by RDN (RFC 4517 §4.2.15 distinguishedNameMatch, values as caseIgnoreMatch with insignificant
 * spaces, §4.2.11); SANs compare by type: DNS names and email domains without case, IPs by their bytes,
 * URIs exactly.
 */
export function certificateCarriesName(der: Buffer, expected: TlsClientAuthName): boolean {
  let certificate: ParsedCertificate;
  try {
    certificate = new ParsedCertificate(der);
  } catch {
    return false;
  }
  if (expected.kind === 'tls_client_auth_subject_dn') return sameNames(certificate.subjectName.toJSON(), subjectDnSequence(expected.value));
  const type = SAN_TYPES[expected.kind];
  return subjectAltNames(certificate)
    .filter((name) => name.type === type)
    .some((name) => sameSan(type, name.value, expected.value));
}

/**
 * An RFC 4514 string lists the RDNs last first (§2.1); the certificate holds them in sequence order.
 * Throws InvalidInput for a string that is not a DN (used when a client is registered).
 */
export function subjectDnSequence(dn: string): RelativeNames {
  try {
    const names = new Name(upperCaseTypes(dn)).toJSON();
    if (names.length === 0) throw new Error('empty');
    return [...names].reverse();
  } catch {
    throw new InvalidInput(
      'tls_client_auth_subject_dn',
      'must be a distinguished name in RFC 4514 form, e.g. "CN=reports-exporter,O=Acme,C=US"',
    );
  }
}

/** RFC 4514 §3: attribute type names are case-insensitive (the parser knows them in upper case only). */
function upperCaseTypes(dn: string): string {
  let out = '';
  let inType = true;
  for (let i = 0; i < dn.length; i++) {
    const char = dn[i];
    if (char === '\\' && !inType) {
      out += char + (dn[i + 1] ?? '');
      i++;
      continue;
    }
    if (inType && char === '=') inType = false;
    else if (!inType && (char === ',' || char === '+')) inType = true;
    out += inType ? char.toUpperCase() : char;
  }
  return out;
}

const SAN_TYPES = {
  tls_client_auth_san_dns: 'dns',
  tls_client_auth_san_uri: 'url',
  tls_client_auth_san_ip: 'ip',
  tls_client_auth_san_email: 'email',
} as const;

function subjectAltNames(certificate: ParsedCertificate): readonly GeneralName[] {
  const extension = certificate.getExtension(SubjectAlternativeNameExtension);
  return extension ? extension.names.items : [];
}

function sameSan(type: (typeof SAN_TYPES)[keyof typeof SAN_TYPES], actual: string, expected: string): boolean {
  switch (type) {
    case 'dns':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'email': {
      // RFC 5280 §4.2.1.6 / RFC 5321: the local part is case-sensitive, the domain is not.
      const at = actual.lastIndexOf('@');
      const expectedAt = expected.lastIndexOf('@');
      return (
        actual.slice(0, at) === expected.slice(0, expectedAt) && actual.slice(at).toLowerCase() === expected.slice(expectedAt).toLowerCase()
      );
    }
    case 'ip':
      return isIP(actual) !== 0 && ipBytes(actual) === ipBytes(expected);
    case 'url':
      return actual === expected;
  }
}

function sameNames(actual: RelativeNames, expected: RelativeNames): boolean {
  return actual.length === expected.length && actual.every((rdn, index) => sameRdn(rdn, expected[index]));
}

function sameRdn(actual: Readonly<Record<string, readonly string[]>>, expected: Readonly<Record<string, readonly string[]>>): boolean {
  const flatten = (rdn: Readonly<Record<string, readonly string[]>>) =>
    Object.entries(rdn)
      .flatMap(([type, values]) => values.map((value) => `${type}=${normalize(value)}`))
      .sort();
  const [a, b] = [flatten(actual), flatten(expected)];
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** RFC 4518 in short: compatibility-normalized, case folded, runs of spaces as one, none at the ends. */
const normalize = (value: string): string => value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

function ipBytes(address: string): string {
  if (isIP(address) === 4)
    return address
      .split('.')
      .map((octet) => Number(octet).toString(16).padStart(2, '0'))
      .join('');
  const [head, tail = ''] = address.toLowerCase().split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const expand = (part: string[]) =>
    part.flatMap((group) => (group.includes('.') ? [ipBytes(group).slice(0, 4), ipBytes(group).slice(4)] : [group.padStart(4, '0')]));
  const left = expand(groups(head));
  const right = expand(groups(tail));
  const missing = address.includes('::') ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(missing).fill('0000'), ...right].join('');
}
