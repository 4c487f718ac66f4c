import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../core/tokens';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { loadOrganizationRules } from '../../organizations/organization-rules';
import { ADMIN_SCOPE, requireAnotherAdminCredential } from '../../organizations/last-admin-credential';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';
import { type CredentialResponse, toCredentialResponse } from '../credential.response';

export class ChangeCredential extends Command<CredentialResponse> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly serviceAccountId: string;
      readonly credentialId: string;
      readonly changes: {
        readonly name?: string;
        readonly scopes?: readonly string[];
        readonly audiences?: readonly string[];
        readonly accessTokenLifetimeSeconds?: number | null;
      };
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

/** New scopes, audiences and lifetimes apply to the next token; narrowed scopes also narrow the admin API access of tokens already issued. */
@CommandHandler(ChangeCredential)
export class ChangeCredentialHandler implements ICommandHandler<ChangeCredential> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, serviceAccountId, credentialId, changes, context } }: ChangeCredential) {
    const { catalog, policy } = await loadOrganizationRules(this.aggregates, organizationId);
    if (changes.scopes !== undefined && !changes.scopes.includes(ADMIN_SCOPE)) {
      await requireAnotherAdminCredential(
        this.aggregates,
        organizationId,
        { serviceAccountId, credentialIds: new Set([credentialId]) },
        this.clock(),
      );
    }
    const { state } = await executeOnServiceAccount(
      this.aggregates,
      organizationId,
      serviceAccountId,
      { type: 'ChangeCredential', credentialId, ...changes, catalog, policy },
      context,
    );
    return toCredentialResponse(state, credentialId);
  }
}
