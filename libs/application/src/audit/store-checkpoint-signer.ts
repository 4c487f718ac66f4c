import { CHAIN_CHECKPOINT_JWS_TYPE, type AuditCheckpointSigner, type ChainCheckpointClaims } from '@keyward/audit';
import { SIGNING_KEYS_STREAM, type SigningKeyEvent } from '@keyward/domain';
import type { EventStore } from '@keyward/event-store';
import { PrivateKeyCipher, SigningKeyRing, signCompactJws } from '@keyward/oauth';

// The relay may run as its own process, without the server's read models: it reads the key ring from
// the signing_keys stream itself, again at most once a minute so that a rotation reaches it.
const RELOAD_MS = 60_000;

/** Signs chain checkpoints with keyward's active signing key, the one whose public half is in the JWKS. */
export class StoreCheckpointSigner implements AuditCheckpointSigner {
  private ring: SigningKeyRing | undefined;
  private loadedAt = Number.NEGATIVE_INFINITY;

  private readonly store: EventStore;
  private readonly keyEncryptionKey: Buffer;
  private readonly issuer: string;
  private readonly now: () => number;

  constructor(props: {
    readonly store: EventStore;
    readonly keyEncryptionKey: Buffer;
    readonly issuer: string;
    readonly now?: () => number;
  }) {
    ({ store: this.store, keyEncryptionKey: this.keyEncryptionKey, issuer: this.issuer } = props);
    this.now = props.now ?? Date.now;
  }

  async sign(claims: ChainCheckpointClaims): Promise<string> {
    let key = (await this.currentRing()).activeKey();
    if (!key) key = (await this.currentRing(true)).activeKey();
    if (!key) throw new Error('no active signing key yet');
    return signCompactJws({ typ: CHAIN_CHECKPOINT_JWS_TYPE }, { iss: this.issuer, ...claims }, key);
  }

  private async currentRing(reload = false): Promise<SigningKeyRing> {
    if (this.ring && !reload && this.now() - this.loadedAt < RELOAD_MS) return this.ring;
    const ring = new SigningKeyRing({ cipher: new PrivateKeyCipher(this.keyEncryptionKey) });
    for (const event of await this.store.readStream(SIGNING_KEYS_STREAM))
      ring.apply({ type: event.type, data: event.data } as SigningKeyEvent);
    this.ring = ring;
    this.loadedAt = this.now();
    return ring;
  }
}
