import { CHAIN_CHECKPOINT_JWS_TYPE, CHAIN_CHECKPOINT_TYPE } from '../chain/chain-checkpoint-record';

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
  const findings: string[] = [];
  const checkpoint = checkpointSignature(record);
  if (checkpoint) {
    // A chain checkpoint's JWS is a signature over public chain facts, not a token: it is allowed only
    // when its header and payload say exactly that; the rest of the record is scanned as any other.
    if (!checkpoint.signsOnlyChainFacts) findings.push('a checkpoint JWS that is not over the chain facts alone');
    record = checkpoint.withoutSignature;
  }
  const text = JSON.stringify(record);
  for (const [what, pattern] of FORBIDDEN_PATTERNS) if (pattern.test(text)) findings.push(what);
  for (const value of knownValues)
    if (value.length >= 8 && text.includes(value)) findings.push(`a known secret value (${value.slice(0, 6)}…)`);
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

// What StoreCheckpointSigner signs: the chain facts and the issuer whose JWKS verifies them.
const CHECKPOINT_CLAIMS = ['chainhash', 'chainseq', 'iat', 'iss', 'sub'];

function checkpointSignature(record: unknown): { signsOnlyChainFacts: boolean; withoutSignature: unknown } | undefined {
  const r = record as {
    type?: unknown;
    partitionkey?: unknown;
    data?: { details?: { jws?: unknown; chainseq?: unknown; chainhash?: unknown } };
  };
  const details = r?.data?.details;
  if (r?.type !== CHAIN_CHECKPOINT_TYPE || typeof details?.jws !== 'string') return undefined;
  const { jws, ...rest } = details;
  const withoutSignature = { ...r, data: { ...r.data, details: rest } };
  const [header, payload, signature] = jws.split('.');
  const decode = (part: string | undefined) => {
    try {
      return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const h = decode(header);
  const p = decode(payload);
  const signsOnlyChainFacts =
    jws.split('.').length === 3 &&
    !!signature &&
    h?.typ === CHAIN_CHECKPOINT_JWS_TYPE &&
    p !== undefined &&
    Object.keys(p).sort().join() === CHECKPOINT_CLAIMS.join() &&
    typeof p.iss === 'string' &&
    p.sub === r.partitionkey &&
    p.chainseq === details.chainseq &&
    p.chainhash === details.chainhash;
  return { signsOnlyChainFacts, withoutSignature };
}
