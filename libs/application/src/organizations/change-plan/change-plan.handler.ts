import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStream, type Plan } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';

export class ChangePlan {
  constructor(
    readonly organizationId: string,
    readonly plan: Plan,
    readonly context: CommandContext,
  ) {}
}

/** Billing changes the plan (from the CLI); the quota follows. */
@CommandHandler(ChangePlan)
export class ChangePlanHandler implements ICommandHandler<ChangePlan> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ organizationId, plan, context }: ChangePlan) {
    await this.aggregates.execute(organizationStream(organizationId), organizationDecider, { type: 'ChangePlan', plan }, { ...context, organizationId }, { retries: 5 });
    return { organizationId, plan };
  }
}
