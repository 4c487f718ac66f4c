import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStream, type Plan } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { createAdministrator } from '../create-administrator';

export class BootstrapOrganization extends Command<BootstrappedOrganization> {
  constructor(
    readonly props: {
      readonly name: string;
      readonly plan: Plan;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

export interface BootstrappedOrganization {
  readonly orgId: string;
  readonly serviceAccountId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A new organization and its first admin: a service account with an OAuth client holding the admin scopes. */
@CommandHandler(BootstrapOrganization)
export class BootstrapOrganizationHandler implements ICommandHandler<BootstrapOrganization, BootstrappedOrganization> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { name, plan, context } }: BootstrapOrganization): Promise<BootstrappedOrganization> {
    const organizationId = randomUUID();
    const orgContext = { ...context, organizationId };
    await this.aggregates.execute(
      organizationStream(organizationId),
      organizationDecider,
      { type: 'CreateOrganization', organizationId, name, plan, now: this.clock() },
      orgContext,
    );
    return createAdministrator(this.commands, {
      organizationId,
      accountName: 'admin',
      description: 'First administrator, created by bootstrap',
      credentialName: 'bootstrap',
      context: orgContext,
    });
  }
}
