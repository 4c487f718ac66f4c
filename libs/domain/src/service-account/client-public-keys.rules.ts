import { InvalidInput } from '../shared/domain-error';
import { isClientSigningAlgorithm } from '../shared/jws-algorithms';
import type { ClientPublicJwk } from './credential.state';

export const MAX_CLIENT_PUBLIC_KEYS = 10;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const CURVES: Readonly<Record<string, readonly string[]>> = { EC: ['P-256'], OKP: ['Ed25519'] };
/** 2048-bit modulus = 256 bytes = 342 base64url characters (RFC 7518 §6.3.1; NIST SP 800-131A). */
const MIN_RSA_MODULUS_CHARS = 342;

/**
 * RFC 7517 §4 / RFC 7523 §3: a client's verification keys. Public members only (a private key sent by
 * mistake is refused rather than stored), a unique kid so assertions can name their key, and key types
 * matching the algorithms keyward accepts.
 */
export function requirePublicKeys(raw: readonly unknown[], existing: readonly ClientPublicJwk[] = []): ClientPublicJwk[] {
  if (raw.length === 0 && existing.length === 0) throw new InvalidInput('jwks.keys', 'must hold at least one key');
  if (raw.length + existing.length > MAX_CLIENT_PUBLIC_KEYS)
    throw new InvalidInput('jwks.keys', `a client holds at most ${MAX_CLIENT_PUBLIC_KEYS} keys`);
  const kids = new Set(existing.map((key) => key.kid));
  return raw.map((value, index) => {
    const key = requirePublicKey(value, `jwks.keys[${index}]`);
    if (kids.has(key.kid)) throw new InvalidInput(`jwks.keys[${index}].kid`, `"${key.kid}" is already used by another key of this client`);
    kids.add(key.kid);
    return key;
  });
}

function requirePublicKey(value: unknown, field: string): ClientPublicJwk {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidInput(field, 'must be a JWK object');
  const jwk = value as Record<string, unknown>;
  if (typeof jwk.kid !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(jwk.kid))
    throw new InvalidInput(`${field}.kid`, 'is required: 1 to 100 printable characters');
  if (PRIVATE_MEMBERS.some((member) => member in jwk))
    throw new InvalidInput(field, 'holds private or symmetric key material; send the public key only');
  if (jwk.use !== undefined && jwk.use !== 'sig') throw new InvalidInput(`${field}.use`, 'must be "sig"');
  if (jwk.alg !== undefined && !isClientSigningAlgorithm(jwk.alg))
    throw new InvalidInput(`${field}.alg`, 'must be ES256, EdDSA, PS256 or RS256');
  switch (jwk.kty) {
    case 'EC':
    case 'OKP':
      if (!CURVES[jwk.kty].includes(jwk.crv as string))
        throw new InvalidInput(`${field}.crv`, `must be ${CURVES[jwk.kty].join(' or ')} for kty ${jwk.kty}`);
      if (typeof jwk.x !== 'string' || (jwk.kty === 'EC' && typeof jwk.y !== 'string'))
        throw new InvalidInput(field, 'lacks its public coordinates');
      break;
    case 'RSA':
      if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new InvalidInput(field, 'lacks n or e');
      if (jwk.n.length < MIN_RSA_MODULUS_CHARS) throw new InvalidInput(`${field}.n`, 'RSA keys must be at least 2048 bits');
      break;
    default:
      throw new InvalidInput(`${field}.kty`, 'must be EC, OKP or RSA');
  }
  return { ...jwk, kid: jwk.kid, kty: jwk.kty } as ClientPublicJwk;
}
