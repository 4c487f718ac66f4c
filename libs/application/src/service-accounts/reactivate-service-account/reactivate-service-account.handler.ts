import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { executeOnServiceAccount } from '../service-account-in-organization';
import type { ServiceAccountState } from '@keyward/domain';

export class ReactivateServiceAccount extends Command<ServiceAccountState> {
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

@CommandHandler(ReactivateServiceAccount)
export class ReactivateServiceAccountHandler implements ICommandHandler<ReactivateServiceAccount> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, serviceAccountId, context } }: ReactivateServiceAccount) {
    const { state } = await executeOnServiceAccount(
      this.aggregates,
      organizationId,
      serviceAccountId,
      { type: 'ReactivateServiceAccount', now: this.clock() },
      context,
    );
    return state;
  }
}
