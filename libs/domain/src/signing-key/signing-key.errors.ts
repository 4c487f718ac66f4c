import { DomainError } from '../shared/domain-error';

/** One successor at a time: a second rotation before the first key signs would skip its propagation. */
export class SigningKeyRotationPending extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'signing_key_rotation_pending';
  constructor(kid: string, activateAfter: string | undefined) {
    super(`signing key ${kid} is already waiting to become active${activateAfter ? ` at ${activateAfter}` : ''}`);
  }
}
