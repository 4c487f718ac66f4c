import { DomainError } from '../shared/domain-error';

/** One successor at a time: a second rotation before the first key signs would skip its propagation. */
export class SigningKeyRotationPending extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'signing_key_rotation_pending';
  constructor(kid: string, activateAfter: string | undefined) {
    super(`signing key ${kid} is already waiting to become active${activateAfter ? ` at ${activateAfter}` : ''}`);
  }
}

export class SigningKeyNotFound extends DomainError {
  readonly kind = 'not_found';
  readonly code = 'signing_key_not_found';
  constructor(kid: string) {
    super(`no signing key ${kid.slice(0, 100)}`);
  }
}
