import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  organizationDecider,
  organizationStream,
  serviceAccountDecider,
  ServiceAccountNotFound,
  type ServiceAccountState,
  serviceAccountStream,
} from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { loadOrganizationRules } from '../../organizations/organization-rules';
import { executeOnServiceAccount } from '../service-account-in-organization';

export class ChangeServiceAccount extends Command<ServiceAccountState> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly serviceAccountId: string;
      readonly changes: {
        readonly name?: string;
        readonly description?: string;
        readonly owner?: string | null;
        readonly tags?: readonly string[];
      };
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** A new name is first claimed in the organization (unique names, naming convention), then recorded on the account with owner and tags. */
@CommandHandler(ChangeServiceAccount)
export class ChangeServiceAccountHandler implements ICommandHandler<ChangeServiceAccount> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ props: { organizationId, serviceAccountId, changes, context } }: ChangeServiceAccount) {
    const { state } = await this.aggregates.load(serviceAccountStream(serviceAccountId), serviceAccountDecider);
    if (state.status === 'absent' || state.status === 'deleted' || state.organizationId !== organizationId)
      throw new ServiceAccountNotFound();
    if (changes.name !== undefined) {
      await this.aggregates.execute(
        organizationStream(organizationId),
        organizationDecider,
        { type: 'RenameServiceAccountSlot', serviceAccountId, name: changes.name },
        context,
        {
          retries: 5,
        },
      );
    }
    const { policy } = await loadOrganizationRules(this.aggregates, organizationId);
    const result = await executeOnServiceAccount(
      this.aggregates,
      organizationId,
      serviceAccountId,
      { type: 'ChangeServiceAccountDetails', ...changes, policy },
      context,
    );
    return result.state;
  }
}
