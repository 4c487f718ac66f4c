import { createPublicKey, type KeyObject } from 'node:crypto';
import { InvalidInput } from '@keyward/domain';
import { RSA_MODULUS_BITS, rsaKeyProblem } from './public-key-objects';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const KEY_TYPES = ['EC', 'OKP', 'RSA'];

/**
 * A client's registered keys as they are stored: each one imported by node:crypto (an EC point off its
 * curve, or a malformed key, is refused here), RSA held to 2048–8192 bits and e = 65537 (a big exponent
 * makes every verification slow: a CPU weapon against the other tenants), and rebuilt from the public
 * members node:crypto exports plus kid, alg and use, so no other member a caller sent is stored
 * (RFC 7517 §4, RFC 7518 §6). Anything the domain names a better reason for (not an object, private
 * members, unknown kty) passes through unchanged for the domain's rules to refuse.
 */
export function canonicalClientPublicKeys(raw: readonly unknown[], field = 'jwks.keys'): unknown[] {
  return raw.map((value, index) => canonicalClientPublicKey(value, `${field}[${index}]`));
}

export function canonicalClientPublicKey(value: unknown, field: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const jwk = value as Record<string, unknown>;
  if (!KEY_TYPES.includes(jwk.kty as string) || PRIVATE_MEMBERS.some((member) => member in jwk)) return value;
  const key = importPublicKey(jwk, field);
  const problem = rsaKeyProblem(key);
  if (problem === 'n') throw new InvalidInput(`${field}.n`, `RSA keys must be ${RSA_MODULUS_BITS.min} to ${RSA_MODULUS_BITS.max} bits`);
  if (problem === 'e') throw new InvalidInput(`${field}.e`, 'RSA keys must use the public exponent 65537 ("AQAB")');
  const { kid, alg, use } = jwk;
  return { ...key.export({ format: 'jwk' }), kid, ...(alg !== undefined ? { alg } : {}), ...(use !== undefined ? { use } : {}) };
}

function importPublicKey(jwk: Record<string, unknown>, field: string): KeyObject {
  const { kty, crv, x, y, n, e } = jwk;
  try {
    return createPublicKey({ key: { kty, crv, x, y, n, e } as never, format: 'jwk' });
  } catch {
    throw new InvalidInput(
      field,
      kty === 'EC' ? 'is not a valid public key: the point must lie on the named curve' : 'is not a valid public key',
    );
  }
}
