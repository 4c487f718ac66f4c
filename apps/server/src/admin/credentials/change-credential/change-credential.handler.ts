import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../core/aggregate-store';
import type { CommandContext } from '../../../core/command-context';
import { loadOrganizationRules } from '../../organizations/organization-rules';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';
import { toCredentialResponse } from '../credential.response';

export class ChangeCredential {
  constructor(
    readonly organizationId: string,
    readonly serviceAccountId: string,
    readonly credentialId: string,
    readonly changes: { readonly name?: string; readonly scopes?: readonly string[]; readonly audiences?: readonly string[]; readonly accessTokenLifetimeSeconds?: number | null },
    readonly context: CommandContext,
  ) {}
}

/** New scopes, audiences and lifetimes apply to the next token; tokens already issued keep theirs until they expire. */
@CommandHandler(ChangeCredential)
export class ChangeCredentialHandler implements ICommandHandler<ChangeCredential> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ organizationId, serviceAccountId, credentialId, changes, context }: ChangeCredential) {
    const { catalog, policy } = await loadOrganizationRules(this.aggregates, organizationId);
    const { state } = await executeOnServiceAccount(this.aggregates, organizationId, serviceAccountId, { type: 'ChangeCredential', credentialId, ...changes, catalog, policy }, context);
    return toCredentialResponse(state, credentialId);
  }
}
