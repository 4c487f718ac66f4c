import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { unreachable, type SigningAlgorithm, type SigningKeyEvent } from '@keyward/domain';
import type { PrivateKeyCipher } from './private-key-cipher';

interface KeyEntry {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly publicJwk: JWK;
  readonly privateKey: KeyObject;
  readonly createdAt: string;
  activatedAt?: string;
  /** Published in the JWKS until then, so tokens it signed still verify. */
  removeAfter?: string;
}

export interface ActiveSigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: KeyObject;
}

/** The signing keys, evolved from the `signing_keys` stream (so keys rotated by another process show up here). */
export class SigningKeyRing {
  private readonly keys = new Map<string, KeyEntry>();
  private active?: ActiveSigningKey;

  constructor(private readonly cipher: PrivateKeyCipher) {}

  apply(event: SigningKeyEvent): void {
    switch (event.type) {
      case 'SigningKeyCreated': {
        const { kid, alg, publicJwk, encryptedPrivateKey, createdAt } = event.data;
        const privateJwk = JSON.parse(this.cipher.decrypt(encryptedPrivateKey, kid)) as JWK;
        const privateKey = createPrivateKey({ key: privateJwk as never, format: 'jwk' });
        this.keys.set(kid, { kid, alg, publicJwk: publicJwk as JWK, privateKey, createdAt });
        return;
      }
      case 'SigningKeyActivated': {
        const key = this.keys.get(event.data.kid);
        if (!key) return;
        key.activatedAt = event.data.activatedAt;
        this.active = { kid: key.kid, alg: key.alg, privateKey: key.privateKey };
        return;
      }
      case 'SigningKeyRetired': {
        const key = this.keys.get(event.data.kid);
        if (!key) return;
        key.removeAfter = event.data.removeAfter;
        if (this.active?.kid === key.kid) this.active = undefined;
        return;
      }
      default:
        return unreachable(event);
    }
  }

  activeKey(): ActiveSigningKey | undefined {
    return this.active;
  }

  /** RFC 7517 JWK Set: every key that is active, about to be, or retired with tokens still alive. */
  jwks(now: Date): { keys: JWK[] } {
    const keys: JWK[] = [];
    for (const key of this.keys.values()) {
      if (key.removeAfter === undefined || Date.parse(key.removeAfter) > now.getTime()) keys.push(key.publicJwk);
    }
    return { keys };
  }

  publicKey(kid: string): { alg: SigningAlgorithm; jwk: JWK } | undefined {
    const key = this.keys.get(kid);
    return key && { alg: key.alg, jwk: key.publicJwk };
  }

  list(): readonly { kid: string; alg: SigningAlgorithm; createdAt: string; activatedAt?: string; removeAfter?: string }[] {
    return [...this.keys.values()].map(({ kid, alg, createdAt, activatedAt, removeAfter }) => ({ kid, alg, createdAt, activatedAt, removeAfter }));
  }
}
