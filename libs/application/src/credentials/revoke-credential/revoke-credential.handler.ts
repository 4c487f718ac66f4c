import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { requireAnotherAdminCredential } from '../../organizations/last-admin-credential';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';

export class RevokeCredential extends Command<void> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly serviceAccountId: string;
      readonly credentialId: string;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** Revocation stops the credential at once: the token endpoint reads the projection this command waits for. */
@CommandHandler(RevokeCredential)
export class RevokeCredentialHandler implements ICommandHandler<RevokeCredential> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, serviceAccountId, credentialId, context } }: RevokeCredential): Promise<void> {
    const now = this.clock();
    await requireAnotherAdminCredential(this.aggregates, organizationId, { serviceAccountId, credentialIds: new Set([credentialId]) }, now);
    await executeOnServiceAccount(
      this.aggregates,
      organizationId,
      serviceAccountId,
      { type: 'RevokeCredential', credentialId, now },
      context,
    );
  }
}
