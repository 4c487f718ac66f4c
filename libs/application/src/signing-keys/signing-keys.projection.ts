import type { SigningKeyEvent } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { asDomainEvent, type Projection } from '@keyward/projections';
import type { SigningKeyRing } from '@keyward/oauth';

/** Feeds the key ring from the `signing_keys` stream, so a key rotated by the CLI reaches the server. */
export class SigningKeysProjection implements Projection {
  readonly name = 'signing-keys';
  // Never in a snapshot: the ring holds unsealed private keys. The stream is small (a key a month).
  readonly restart = { kind: 'stream', stream: 'signing_keys' } as const;
  constructor(private readonly ring: SigningKeyRing) {}

  apply(event: RecordedEvent): void {
    if (event.streamName === 'signing_keys') this.ring.apply(asDomainEvent<SigningKeyEvent>(event));
  }
}
