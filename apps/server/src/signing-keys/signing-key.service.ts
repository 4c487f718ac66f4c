import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { SIGNING_KEYS_STREAM } from '@keyward/domain';
import { WrongExpectedRevision, type EventStore } from '@keyward/event-store';
import { generateSigningKey, PrivateKeyCipher, SigningKeyRing } from '@keyward/oauth';
import { AggregateStore } from '../core/aggregate-store';
import { CLOCK, EVENT_STORE, KEYWARD_CONFIG, type Clock } from '../core/tokens';

/**
 * Makes sure a signing key is active. A new key is created and activated in one append to the
 * `signing_keys` stream, guarded by its revision so two starting replicas do not both create one.
 */
@Injectable()
export class SigningKeyService {
  private readonly logger = new Logger('SigningKeys');

  constructor(
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly aggregates: AggregateStore,
    private readonly ring: SigningKeyRing,
  ) {}

  async ensureActiveKey(): Promise<void> {
    if (this.ring.activeKey()) return;
    const existing = await this.store.readStream(SIGNING_KEYS_STREAM);
    if (existing.length > 0 && this.ring.activeKey()) return;
    await this.createAndActivate(existing.length === 0 ? 'no_stream' : existing[existing.length - 1].revision);
  }

  async createAndActivate(expectedRevision: number | 'no_stream' | 'any' = 'any'): Promise<string> {
    const now = this.clock();
    const created = await generateSigningKey(this.config.signingAlgorithm, new PrivateKeyCipher(this.config.keyEncryptionKey), now);
    const activated = { type: 'SigningKeyActivated', data: { kid: created.data.kid, activatedAt: now.toISOString() } } as const;
    try {
      await this.aggregates.append(SIGNING_KEYS_STREAM, [created, activated], { actor: 'system', correlationId: created.data.kid }, expectedRevision);
      this.logger.log(`signing key ${created.data.kid} (${created.data.alg}) created and active`);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      this.logger.log('another process created the signing key first');
    }
    return created.data.kid;
  }
}
