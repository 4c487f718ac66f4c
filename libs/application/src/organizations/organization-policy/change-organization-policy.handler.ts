import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, OrganizationNotFound, organizationStream, type OrganizationPolicy } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';

export class ChangeOrganizationPolicy extends Command<OrganizationPolicy> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly changes: Partial<OrganizationPolicy>;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** Lower limits apply at once to existing credentials: the token endpoint and introspection read the policy from memory. */
@CommandHandler(ChangeOrganizationPolicy)
export class ChangeOrganizationPolicyHandler implements ICommandHandler<ChangeOrganizationPolicy, OrganizationPolicy> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ props: { organizationId, changes, context } }: ChangeOrganizationPolicy): Promise<OrganizationPolicy> {
    const { state } = await this.aggregates.execute(
      organizationStream(organizationId),
      organizationDecider,
      { type: 'ChangeOrganizationPolicy', changes },
      { ...context, organizationId },
      { retries: 3 },
    );
    if (state.status === 'absent') throw new OrganizationNotFound();
    return state.policy;
  }
}
