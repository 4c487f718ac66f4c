import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStream } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { requireAnotherAdminCredential } from '../../organizations/last-admin-credential';
import { executeOnServiceAccount } from '../service-account-in-organization';

export class DeleteServiceAccount extends Command<void> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly serviceAccountId: string;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** Deleting stops every credential at once, then frees the quota slot and the name. */
@CommandHandler(DeleteServiceAccount)
export class DeleteServiceAccountHandler implements ICommandHandler<DeleteServiceAccount> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, serviceAccountId, context } }: DeleteServiceAccount): Promise<void> {
    const now = this.clock();
    await requireAnotherAdminCredential(this.aggregates, organizationId, { serviceAccountId }, now);
    await executeOnServiceAccount(this.aggregates, organizationId, serviceAccountId, { type: 'DeleteServiceAccount', now }, context);
    await this.aggregates.execute(
      organizationStream(organizationId),
      organizationDecider,
      { type: 'ReleaseServiceAccountSlot', serviceAccountId },
      context,
      { retries: 5 },
    );
  }
}
