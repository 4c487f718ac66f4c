import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { DomainError, isSigningKeyRotationDue, SIGNING_KEYS_STREAM, signingKeysDecider, type SigningAlgorithm } from '@keyward/domain';
import { WrongExpectedRevision } from '@keyward/event-store';
import { SigningKeyRing } from '@keyward/oauth';
import { AggregateStore } from '../core/aggregate-store';
import { CLOCK, KEYWARD_CONFIG, type Clock } from '../core/tokens';
import { createSigningKey, type CreatedSigningKey } from './signing-key-rotation';

const SYSTEM = { actor: 'system', correlationId: 'signing-keys' } as const;

/**
 * The signing key lifecycle in the server: a first key at boot, then on every tick the activation of a
 * published successor whose propagation delay is over, and the scheduled rotation when it is due.
 * Every step is an event on `signing_keys`, guarded by its revision, so replicas racing are harmless.
 */
@Injectable()
export class SigningKeyService {
  private readonly logger = new Logger('SigningKeys');

  constructor(
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly aggregates: AggregateStore,
    private readonly ring: SigningKeyRing,
  ) {}

  async ensureActiveKey(): Promise<void> {
    if (this.ring.activeKey()) return;
    await this.ignoringRaces(() => createSigningKey(this.aggregates, this.config, this.clock(), 'initial', SYSTEM));
  }

  rotate(alg?: SigningAlgorithm): Promise<CreatedSigningKey> {
    return createSigningKey(this.aggregates, this.config, this.clock(), 'on_demand', SYSTEM, alg);
  }

  /** Activates a due successor, then starts the scheduled rotation if the active key is old enough. */
  async tick(): Promise<void> {
    const now = this.clock();
    await this.ignoringRaces(async () => {
      const { events } = await this.aggregates.execute(
        SIGNING_KEYS_STREAM,
        signingKeysDecider,
        { type: 'ActivateDueSigningKey', now },
        SYSTEM,
      );
      for (const event of events) this.logger.log(`${event.type} ${event.data.kid}`);
    });
    const { state } = await this.aggregates.load(SIGNING_KEYS_STREAM, signingKeysDecider);
    if (!isSigningKeyRotationDue(state, this.config.signingKeyRotationDays, now)) return;
    await this.ignoringRaces(async () => {
      const created = await createSigningKey(this.aggregates, this.config, now, 'scheduled', SYSTEM);
      this.logger.log(`scheduled rotation: key ${created.kid} published, signs from ${created.activateAfter}`);
    });
  }

  /** Another process got there first (409, or a successor already waiting): its outcome is as good as ours. */
  private async ignoringRaces(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof WrongExpectedRevision || (error instanceof DomainError && error.kind === 'conflict')) return;
      throw error;
    }
  }
}
