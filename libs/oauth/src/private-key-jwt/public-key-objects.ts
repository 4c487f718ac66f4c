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
