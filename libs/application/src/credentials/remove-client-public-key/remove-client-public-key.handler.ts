import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';
import { type CredentialResponse, toCredentialResponse } from '../credential.response';

export class RemoveClientPublicKey extends Command<CredentialResponse> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly serviceAccountId: string;
      readonly credentialId: string;
      readonly kid: string;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** Assertions signed by the removed key are refused from the moment this returns (read-your-writes). */
@CommandHandler(RemoveClientPublicKey)
export class RemoveClientPublicKeyHandler implements ICommandHandler<RemoveClientPublicKey> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, serviceAccountId, credentialId, kid, context } }: RemoveClientPublicKey) {
    const { state } = await executeOnServiceAccount(
      this.aggregates,
      organizationId,
      serviceAccountId,
      { type: 'RemoveClientPublicKey', credentialId, kid, now: this.clock() },
      context,
    );
    return toCredentialResponse(state, credentialId);
  }
}
