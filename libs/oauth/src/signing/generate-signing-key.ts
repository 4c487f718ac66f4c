import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { SigningAlgorithm, SigningKeyEvent } from '@keyward/domain';
import type { PrivateKeyCipher } from './private-key-cipher';

type SigningKeyCreated = Extract<SigningKeyEvent, { type: 'SigningKeyCreated' }>;

/** A new key pair as a SigningKeyCreated event; kid is the RFC 7638 thumbprint (unique, stable, derivable). */
export async function generateSigningKey(alg: SigningAlgorithm, cipher: PrivateKeyCipher, now: Date): Promise<SigningKeyCreated> {
  const { publicKey, privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
    ...(alg === 'RS256' ? { modulusLength: 2048 } : {}),
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = `${(await calculateJwkThumbprint(publicJwk)).slice(0, 16)}-${randomUUID().slice(0, 8)}`;
  const privateJwk = await exportJWK(privateKey);
  return {
    type: 'SigningKeyCreated',
    data: {
      kid,
      alg,
      publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
      encryptedPrivateKey: cipher.encrypt(JSON.stringify(privateJwk), kid),
      createdAt: now.toISOString(),
    },
  };
}
