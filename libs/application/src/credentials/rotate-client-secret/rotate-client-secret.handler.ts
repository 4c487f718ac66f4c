import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { generateSecret, SecretDigester } from '@keyward/oauth';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';

export class RotateClientSecret extends Command<RotatedClientSecret> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly serviceAccountId: string;
      readonly credentialId: string;
      readonly graceSeconds: number;
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

export interface RotatedClientSecret {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly previousSecretExpiresAt: string;
}

/** The new secret replaces the current one; the previous keeps working for the grace period, then stops. */
@CommandHandler(RotateClientSecret)
export class RotateClientSecretHandler implements ICommandHandler<RotateClientSecret, RotatedClientSecret> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly digester: SecretDigester,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    props: { organizationId, serviceAccountId, credentialId, graceSeconds, context },
  }: RotateClientSecret): Promise<RotatedClientSecret> {
    const clientSecret = generateSecret('clientSecret');
    const { state } = await executeOnServiceAccount(
      this.aggregates,
      organizationId,
      serviceAccountId,
      { type: 'RotateClientSecret', credentialId, secretDigest: this.digester.digest(clientSecret), graceSeconds, now: this.clock() },
      context,
    );
    const credential = state.status === 'absent' ? undefined : state.credentials.get(credentialId);
    if (credential?.type !== 'oauth_client' || credential.tokenEndpointAuthMethod !== 'client_secret_basic' || !credential.secrets.previous)
      throw new Error('rotation was not applied');
    return { clientId: credential.clientId, clientSecret, previousSecretExpiresAt: credential.secrets.previous.expiresAt };
  }
}
