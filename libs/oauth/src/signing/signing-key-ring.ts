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
  retiredAt?: string;
  /** Published in the JWKS until then, so tokens it signed still verify; after it nothing it signed does. */
  removeAfter?: string;
  /** Emergency revocation: out of the JWKS and verifying nothing from then on. */
  revokedAt?: string;
}

/** What a key could have signed: a token verifies only if its key was live for it (see verifiableKey). */
export interface VerifyingKey {
  readonly alg: SigningAlgorithm;
  readonly jwk: JWK;
  readonly activatedAt?: string;
  readonly retiredAt?: string;
  readonly removeAfter?: string;
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

  private readonly cipher: PrivateKeyCipher;

  constructor(props: { readonly cipher: PrivateKeyCipher }) {
    this.cipher = props.cipher;
  }

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
        key.retiredAt = event.data.retiredAt;
        key.removeAfter = event.data.removeAfter;
        if (this.active?.kid === key.kid) this.active = undefined;
        return;
      }
      case 'SigningKeyRevoked': {
        const key = this.keys.get(event.data.kid);
        if (!key) return;
        key.revokedAt = event.data.revokedAt;
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
      if (key.revokedAt === undefined && (key.removeAfter === undefined || Date.parse(key.removeAfter) > now.getTime()))
        keys.push(key.publicJwk);
    }
    return { keys };
  }

  /** A key that may still verify at `now`: not revoked, not past its retention (removeAfter). */
  verifyingKey(kid: string, now: Date): VerifyingKey | undefined {
    const key = this.keys.get(kid);
    if (!key || key.revokedAt !== undefined || (key.removeAfter !== undefined && Date.parse(key.removeAfter) <= now.getTime()))
      return undefined;
    return { alg: key.alg, jwk: key.publicJwk, activatedAt: key.activatedAt, retiredAt: key.retiredAt, removeAfter: key.removeAfter };
  }

  list(): readonly {
    kid: string;
    alg: SigningAlgorithm;
    createdAt: string;
    activatedAt?: string;
    removeAfter?: string;
    revokedAt?: string;
  }[] {
    return [...this.keys.values()].map(({ kid, alg, createdAt, activatedAt, removeAfter, revokedAt }) => ({
      kid,
      alg,
      createdAt,
      activatedAt,
      removeAfter,
      revokedAt,
    }));
  }
}
