import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStream, type Plan } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';

export interface ChangedPlan {
  readonly organizationId: string;
  readonly plan: Plan;
}

export class ChangePlan extends Command<ChangedPlan> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly plan: Plan;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** Billing changes the plan (from the CLI); the quota follows. */
@CommandHandler(ChangePlan)
export class ChangePlanHandler implements ICommandHandler<ChangePlan> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ props: { organizationId, plan, context } }: ChangePlan) {
    await this.aggregates.execute(
      organizationStream(organizationId),
      organizationDecider,
      { type: 'ChangePlan', plan },
      { ...context, organizationId },
      { retries: 5 },
    );
    return { organizationId, plan };
  }
}
