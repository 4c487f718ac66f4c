import { type KeyObject, sign } from 'node:crypto';
import type { SigningAlgorithm } from '@keyward/domain';
import type { ActiveSigningKey } from './signing-key-ring';

/**
 * RFC 7515 §7.1 compact serialization, signed with node:crypto directly. The token endpoint signs every
 * grant: jose's WebCrypto path cost ~2.5× node's synchronous sign here (64 µs vs 25 µs for ES256).
 * Verification stays with jose (and every test verifies these tokens with jose).
 */
export function signCompactJws(
  header: Readonly<Record<string, unknown>>,
  payload: Readonly<Record<string, unknown>>,
  key: ActiveSigningKey,
): string {
  const signingInput = jwsSigningInput(encodeJwsHeader(header, key), payload);
  return `${signingInput}.${jwsSignature(signingInput, key.alg, key.privateKey)}`;
}

/** The protected header as it goes on the wire (base64url of its JSON, alg and kid from the key). */
export function encodeJwsHeader(header: Readonly<Record<string, unknown>>, key: ActiveSigningKey): string {
  return base64url(JSON.stringify({ ...header, alg: key.alg, kid: key.kid }));
}

/** RFC 7515 §5.1 step 7: the encoded header and payload joined by a dot (a signer may encode the header once per key). */
export function jwsSigningInput(encodedHeader: string, payload: Readonly<Record<string, unknown>>): string {
  return `${encodedHeader}.${base64url(JSON.stringify(payload))}`;
}

/** The base64url signature over a signing input (RFC 7515 §5.1 step 8). */
export function jwsSignature(signingInput: string, alg: SigningAlgorithm, privateKey: KeyObject): string {
  const data = Buffer.from(signingInput);
  const signature =
    alg === 'EdDSA'
      ? sign(null, data, privateKey)
      : // RFC 7518 §3.4: ECDSA signatures are R || S, not DER.
        sign('sha256', data, alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey);
  return signature.toString('base64url');
}

const base64url = (text: string): string => Buffer.from(text).toString('base64url');
