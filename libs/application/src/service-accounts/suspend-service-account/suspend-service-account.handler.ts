import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { requireAnotherAdminCredential } from '../../organizations/last-admin-credential';
import { executeOnServiceAccount } from '../service-account-in-organization';
import type { ServiceAccountState } from '@keyward/domain';

export class SuspendServiceAccount extends Command<ServiceAccountState> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly serviceAccountId: string;
      readonly reason: string;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** A suspended account keeps its credentials but gets no token until reactivated. */
@CommandHandler(SuspendServiceAccount)
export class SuspendServiceAccountHandler implements ICommandHandler<SuspendServiceAccount> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, serviceAccountId, reason, context } }: SuspendServiceAccount) {
    const now = this.clock();
    await requireAnotherAdminCredential(this.aggregates, organizationId, { serviceAccountId }, now);
    const { state } = await executeOnServiceAccount(
      this.aggregates,
      organizationId,
      serviceAccountId,
      { type: 'SuspendServiceAccount', reason, now },
      context,
    );
    return state;
  }
}
