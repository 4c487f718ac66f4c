import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, OrganizationNotFound, organizationStream } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { createAdministrator } from '../create-administrator';
import type { BootstrappedOrganization } from '../bootstrap-organization/bootstrap-organization.handler';

export class RecoverOrganization extends Command<BootstrappedOrganization> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/**
 * From the host only (`npm run cli -- org:recover`): a new admin service account with an OAuth client
 * holding the admin scopes, in an organization that lost its way into the admin API. Recorded like any
 * account and credential creation, with the operator as actor. Counts against the plan's quota: on a
 * full plan, raise it with `org:set-plan` first.
 */
@CommandHandler(RecoverOrganization)
export class RecoverOrganizationHandler implements ICommandHandler<RecoverOrganization, BootstrappedOrganization> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, context } }: RecoverOrganization): Promise<BootstrappedOrganization> {
    const { state } = await this.aggregates.load(organizationStream(organizationId), organizationDecider);
    if (state.status === 'absent') throw new OrganizationNotFound();
    const orgContext = { ...context, organizationId };
    const stamp = this.clock().toISOString().replace(/[-:]/g, '').slice(0, 15);
    return createAdministrator(this.commands, {
      organizationId,
      accountName: `recovery-${stamp}`,
      description: `Administrator created by org:recover (${context.actor})`,
      credentialName: 'recovery',
      context: orgContext,
    });
  }
}
