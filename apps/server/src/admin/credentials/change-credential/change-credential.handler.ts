import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '../../../core/aggregate-store';
import type { CommandContext } from '../../../core/command-context';
import { loadScopeCatalog } from '../../organizations/scope-catalog';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';
import { toCredentialResponse } from '../credential.response';

export class ChangeCredential {
  constructor(
    readonly organizationId: string,
    readonly serviceAccountId: string,
    readonly credentialId: string,
    readonly changes: { readonly name?: string; readonly scopes?: readonly string[] },
    readonly context: CommandContext,
  ) {}
}

/** New scopes apply to the next token; tokens already issued keep theirs until they expire. */
@CommandHandler(ChangeCredential)
export class ChangeCredentialHandler implements ICommandHandler<ChangeCredential> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ organizationId, serviceAccountId, credentialId, changes, context }: ChangeCredential) {
    const catalog = await loadScopeCatalog(this.aggregates, organizationId);
    const { state } = await executeOnServiceAccount(this.aggregates, organizationId, serviceAccountId, { type: 'ChangeCredential', credentialId, ...changes, catalog }, context);
    return toCredentialResponse(state, credentialId);
  }
}
