import { createPublicKey, type KeyObject } from 'node:crypto';

/** Imports a public JWK once: keys are immutable values (a key set change replaces them), so identity is a safe cache key. */
const imported = new WeakMap<object, KeyObject>();

export function publicKeyObject(jwk: Readonly<Record<string, unknown>>): KeyObject {
  let key = imported.get(jwk);
  if (!key) {
    key = createPublicKey({ key: jwk as never, format: 'jwk' });
    imported.set(jwk, key);
  }
  return key;
}

const KEY_TYPE_OF_ALG: Readonly<Record<string, string>> = { ES256: 'EC', EdDSA: 'OKP', PS256: 'RSA', RS256: 'RSA' };

/** RFC 7518 §3.1: which keys can verify a signature of this alg (and the JWK's own alg, when it names one, must agree). */
export function keyFitsAlgorithm(jwk: Readonly<Record<string, unknown>>, alg: string): boolean {
  return KEY_TYPE_OF_ALG[alg] === jwk.kty && (jwk.alg === undefined || jwk.alg === alg);
}

export const RSA_MODULUS_BITS = { min: 2048, max: 8192 } as const;
export const RSA_PUBLIC_EXPONENT = 65537n;

/**
 * The RSA keys keyward verifies with: 2048–8192 bits and e = 65537. A key with a huge exponent or modulus
 * makes each signature check cost milliseconds instead of microseconds, a CPU weapon against every tenant.
 */
export function rsaKeyProblem(key: KeyObject): 'n' | 'e' | undefined {
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return undefined;
  const { modulusLength = 0, publicExponent } = key.asymmetricKeyDetails ?? {};
  if (modulusLength < RSA_MODULUS_BITS.min || modulusLength > RSA_MODULUS_BITS.max) return 'n';
  return publicExponent === RSA_PUBLIC_EXPONENT ? undefined : 'e';
}
