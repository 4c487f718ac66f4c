import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { canonicalClientPublicKey } from '@keyward/oauth';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';
import { type CredentialResponse, toCredentialResponse } from '../credential.response';

export class AddClientPublicKey extends Command<CredentialResponse> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly serviceAccountId: string;
      readonly credentialId: string;
      readonly publicKey: unknown;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** Key rollover for a private_key_jwt client: add the new key, move the client to it, then remove the old one. */
@CommandHandler(AddClientPublicKey)
export class AddClientPublicKeyHandler implements ICommandHandler<AddClientPublicKey> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, serviceAccountId, credentialId, publicKey, context } }: AddClientPublicKey) {
    const { state } = await executeOnServiceAccount(
      this.aggregates,
      organizationId,
      serviceAccountId,
      { type: 'AddClientPublicKey', credentialId, publicKey: canonicalClientPublicKey(publicKey, 'jwk'), now: this.clock() },
      context,
    );
    return toCredentialResponse(state, credentialId);
  }
}
