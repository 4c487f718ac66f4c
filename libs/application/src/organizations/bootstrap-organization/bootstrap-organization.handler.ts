import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ADMIN_SCOPES, organizationDecider, organizationStream, type Plan } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { CreateCredential } from '../../credentials/create-credential/create-credential.handler';
import { CreateServiceAccount } from '../../service-accounts/create-service-account/create-service-account.handler';

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
    const account = await this.commands.execute(
      new CreateServiceAccount({
        organizationId,
        name: 'admin',
        description: 'First administrator, created by bootstrap',
        context: orgContext,
      }),
    );
    const credential = await this.commands.execute(
      new CreateCredential({
        organizationId,
        serviceAccountId: account.id,
        type: 'oauth_client',
        name: 'bootstrap',
        scopes: ADMIN_SCOPES,
        expiresInDays: undefined,
        context: orgContext,
      }),
    );
    if (credential.type !== 'oauth_client' || !credential.clientSecret) throw new Error('bootstrap created the wrong credential type');
    return { orgId: organizationId, serviceAccountId: account.id, clientId: credential.clientId, clientSecret: credential.clientSecret };
  }
}
