/**
 * What must never be on the audit topic, found by shape as well as by value: a leak scanner's view of
 * one record. Used by the schema spec on every event type and by the end-to-end scan of a real topic.
 */
const FORBIDDEN_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ['a client secret (kw_cs_)', /kw_cs_/],
  ['an API token (kw_at_)', /kw_at_/],
  // A JWT or any JOSE object: base64url of a JSON object starts with eyJ ('{"').
  ['a JWT-looking string (eyJ…)', /eyJ[A-Za-z0-9_-]{8,}/],
  // PrivateKeyCipher's sealed format: v1.<12-byte iv>.<16-byte tag>.<ciphertext>, base64url.
  ['a sealed private key (v1.iv.tag.ciphertext)', /\bv1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+/],
];

// RFC 7518 §6.2.2 and §6.3.2: the private members of EC, OKP and RSA JWKs; `k` of a symmetric one (§6.4.1).
const PRIVATE_JWK_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);
const FORBIDDEN_NAMES = /digest|encrypted|private|secret$|^token$|^accesstoken$|password/i;

/** Every finding in one record (empty when clean); `knownValues` are secrets and digests the caller saw. */
export function forbiddenAuditMaterial(record: unknown, knownValues: readonly string[] = []): string[] {
  const text = JSON.stringify(record);
  const findings: string[] = [];
  for (const [what, pattern] of FORBIDDEN_PATTERNS) if (pattern.test(text)) findings.push(what);
  for (const value of knownValues) if (value.length >= 8 && text.includes(value)) findings.push(`a known secret value (${value.slice(0, 6)}…)`);
  for (const name of memberNames(record)) {
    if (PRIVATE_JWK_MEMBERS.has(name)) findings.push(`a private JWK member "${name}"`);
    else if (FORBIDDEN_NAMES.test(name)) findings.push(`a field named "${name}"`);
  }
  return findings;
}

function memberNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(memberNames);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([name, member]) => [name, ...memberNames(member)]);
}
