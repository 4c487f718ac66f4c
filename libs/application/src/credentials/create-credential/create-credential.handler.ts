import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { API_TOKEN_DAYS, type ClientAuthenticationInput, type TokenEndpointAuthMethod } from '@keyward/domain';
import { generateClientId, generateSecret, SecretDigester } from '@keyward/oauth';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { loadOrganizationRules } from '../../organizations/organization-rules';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';

/** How the new client will authenticate, as the create body says; a secret client's secret is made by the handler. */
export type ClientAuthenticationRequest =
  | Exclude<ClientAuthenticationInput, { tokenEndpointAuthMethod: 'client_secret_basic' }>
  | { readonly tokenEndpointAuthMethod: 'client_secret_basic' };

/** With `dryRun`, the answer is what would be created, without id, client id or secret; nothing is appended. */
export class CreateCredential<DryRun extends boolean = false> extends Command<DryRun extends true ? CredentialPreview : CreatedCredential> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly serviceAccountId: string;
      readonly type: 'oauth_client' | 'api_token';
      readonly name: string;
      readonly scopes: readonly string[];
      readonly expiresInDays: number | undefined;
      readonly context: CommandContext;
      readonly clientOptions?: {
        readonly authentication?: ClientAuthenticationRequest;
        readonly audiences?: readonly string[];
        readonly accessTokenLifetimeSeconds?: number;
        readonly certificateBoundAccessTokens?: boolean;
      };
      readonly dryRun?: DryRun;
    },
  ) {
    super();
  }
}

/** Shown once: the secret or token is in this result and nowhere else (only its HMAC is recorded). */
export type CreatedCredential =
  | {
      readonly id: string;
      readonly type: 'oauth_client';
      readonly name: string;
      readonly scopes: readonly string[];
      readonly clientId: string;
      /** Only for client_secret_basic: keys, federation and certificate clients hold no secret. */
      readonly clientSecret?: string;
      readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod;
      readonly audiences: readonly string[];
      readonly accessTokenLifetimeSeconds: number | null;
      readonly createdAt: string;
    }
  | {
      readonly id: string;
      readonly type: 'api_token';
      readonly name: string;
      readonly scopes: readonly string[];
      readonly token: string;
      readonly createdAt: string;
      readonly expiresAt: string;
    };

export type CredentialPreview =
  | ({ readonly dryRun: true } & Omit<
      Extract<CreatedCredential, { type: 'oauth_client' }>,
      'id' | 'clientId' | 'clientSecret' | 'createdAt'
    >)
  | ({ readonly dryRun: true } & Omit<Extract<CreatedCredential, { type: 'api_token' }>, 'id' | 'token' | 'createdAt'>);

/** A dry run takes the same decision on the same loaded state (its throwaway secret is never shown), appending nothing. */
@CommandHandler(CreateCredential)
export class CreateCredentialHandler implements ICommandHandler<CreateCredential<boolean>> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly digester: SecretDigester,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CreateCredential<boolean>): Promise<CreatedCredential | CredentialPreview> {
    const { organizationId, serviceAccountId, name, scopes, context, dryRun = false } = command.props;
    const { catalog, policy } = await loadOrganizationRules(this.aggregates, organizationId);
    const credentialId = randomUUID();
    const now = this.clock();
    if (command.props.type === 'oauth_client') {
      const clientId = generateClientId();
      const { audiences, accessTokenLifetimeSeconds, certificateBoundAccessTokens } = command.props.clientOptions ?? {};
      const requested = command.props.clientOptions?.authentication ?? { tokenEndpointAuthMethod: 'client_secret_basic' };
      // Only a secret client gets a secret: keys (RFC 7523 §2.2), federation and certificates (RFC 8705) replace it.
      const clientSecret = requested.tokenEndpointAuthMethod === 'client_secret_basic' ? generateSecret('clientSecret') : undefined;
      const authentication: ClientAuthenticationInput =
        requested.tokenEndpointAuthMethod === 'client_secret_basic'
          ? { tokenEndpointAuthMethod: 'client_secret_basic', secretDigest: this.digester.digest(clientSecret!) }
          : requested;
      const { state } = await executeOnServiceAccount(
        this.aggregates,
        organizationId,
        serviceAccountId,
        {
          type: 'CreateOAuthClient',
          credentialId,
          name,
          clientId,
          authentication,
          certificateBoundAccessTokens,
          scopes,
          catalog,
          audiences,
          accessTokenLifetimeSeconds,
          policy,
          now,
        },
        context,
        { dryRun },
      );
      const credential = state.status !== 'absent' ? state.credentials.get(credentialId) : undefined;
      if (credential?.type !== 'oauth_client') throw new Error('client missing after command');
      const { tokenEndpointAuthMethod } = credential;
      if (dryRun)
        return {
          dryRun: true,
          type: 'oauth_client',
          name: credential.name,
          scopes: credential.scopes,
          tokenEndpointAuthMethod,
          audiences: credential.audiences,
          accessTokenLifetimeSeconds: credential.accessTokenLifetimeSeconds ?? null,
        };
      return {
        id: credentialId,
        type: 'oauth_client',
        name: credential.name,
        scopes: credential.scopes,
        clientId,
        ...(clientSecret !== undefined ? { clientSecret } : {}),
        tokenEndpointAuthMethod,
        audiences: credential.audiences,
        accessTokenLifetimeSeconds: credential.accessTokenLifetimeSeconds ?? null,
        createdAt: now.toISOString(),
      };
    }
    const token = generateSecret('apiToken');
    const tokenDigest = this.digester.digest(token);
    const expiresInDays = command.props.expiresInDays ?? API_TOKEN_DAYS.default;
    const { state } = await executeOnServiceAccount(
      this.aggregates,
      organizationId,
      serviceAccountId,
      { type: 'CreateApiToken', credentialId, name, tokenDigest, scopes, catalog, expiresInDays, policy, now },
      context,
      { dryRun },
    );
    const credential = state.status !== 'absent' ? state.credentials.get(credentialId) : undefined;
    if (credential?.type !== 'api_token') throw new Error('API token missing after command');
    if (dryRun)
      return { dryRun: true, type: 'api_token', name: credential.name, scopes: credential.scopes, expiresAt: credential.expiresAt };
    return {
      id: credentialId,
      type: 'api_token',
      name: credential.name,
      scopes: credential.scopes,
      token,
      createdAt: now.toISOString(),
      expiresAt: credential.expiresAt,
    };
  }
}
