import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { API_TOKEN_DAYS } from '@keyward/domain';
import { generateClientId, generateSecret, SecretDigester } from '@keyward/oauth';
import { AggregateStore } from '../../../core/aggregate-store';
import type { CommandContext } from '../../../core/command-context';
import { CLOCK, type Clock } from '../../../core/tokens';
import { loadScopeCatalog } from '../../organizations/scope-catalog';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';

export class CreateCredential {
  constructor(
    readonly organizationId: string,
    readonly serviceAccountId: string,
    readonly type: 'oauth_client' | 'api_token',
    readonly name: string,
    readonly scopes: readonly string[],
    readonly expiresInDays: number | undefined,
    readonly context: CommandContext,
  ) {}
}

/** Shown once: the secret or token is in this result and nowhere else (only its HMAC is recorded). */
export type CreatedCredential =
  | { readonly id: string; readonly type: 'oauth_client'; readonly name: string; readonly scopes: readonly string[]; readonly clientId: string; readonly clientSecret: string; readonly createdAt: string }
  | { readonly id: string; readonly type: 'api_token'; readonly name: string; readonly scopes: readonly string[]; readonly token: string; readonly createdAt: string; readonly expiresAt: string };

@CommandHandler(CreateCredential)
export class CreateCredentialHandler implements ICommandHandler<CreateCredential, CreatedCredential> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly digester: SecretDigester,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CreateCredential): Promise<CreatedCredential> {
    const { organizationId, serviceAccountId, name, scopes, context } = command;
    const catalog = await loadScopeCatalog(this.aggregates, organizationId);
    const credentialId = randomUUID();
    const now = this.clock();
    if (command.type === 'oauth_client') {
      const clientId = generateClientId();
      const clientSecret = generateSecret('clientSecret');
      const secretDigest = this.digester.digest(clientSecret);
      const { state } = await executeOnServiceAccount(this.aggregates, organizationId, serviceAccountId, { type: 'CreateOAuthClient', credentialId, name, clientId, secretDigest, scopes, catalog, now }, context);
      const credential = state.status !== 'absent' ? state.credentials.get(credentialId) : undefined;
      return { id: credentialId, type: 'oauth_client', name: credential?.name ?? name, scopes: credential?.scopes ?? scopes, clientId, clientSecret, createdAt: now.toISOString() };
    }
    const token = generateSecret('apiToken');
    const tokenDigest = this.digester.digest(token);
    const expiresInDays = command.expiresInDays ?? API_TOKEN_DAYS.default;
    const { state } = await executeOnServiceAccount(this.aggregates, organizationId, serviceAccountId, { type: 'CreateApiToken', credentialId, name, tokenDigest, scopes, catalog, expiresInDays, now }, context);
    const credential = state.status !== 'absent' ? state.credentials.get(credentialId) : undefined;
    return { id: credentialId, type: 'api_token', name: credential?.name ?? name, scopes: credential?.scopes ?? scopes, token, createdAt: now.toISOString(), expiresAt: credential?.expiresAt ?? '' };
  }
}
