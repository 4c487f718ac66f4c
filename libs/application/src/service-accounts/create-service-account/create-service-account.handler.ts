import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStream, ServiceAccountQuotaExceeded, serviceAccountDecider, serviceAccountStream } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '../../core/tokens';

export class CreateServiceAccount extends Command<ServiceAccountCreatedResult> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly name: string;
      readonly description: string;
      readonly context: CommandContext;
      readonly ownership?: { readonly owner?: string | null; readonly tags?: readonly string[] };
    },
  ) {
    super();
  }
}

export interface ServiceAccountCreatedResult {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly owner: string | null;
  readonly tags: readonly string[];
  readonly status: 'active';
  readonly createdAt: string;
}

/**
 * Reserve a slot in the organization (quota and unique name, checked under the org stream's revision),
 * then create the account in its own stream. A quota refusal is recorded for the audit trail.
 */
@CommandHandler(CreateServiceAccount)
export class CreateServiceAccountHandler implements ICommandHandler<CreateServiceAccount, ServiceAccountCreatedResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, name, description, context, ownership } }: CreateServiceAccount): Promise<ServiceAccountCreatedResult> {
    const serviceAccountId = randomUUID();
    const orgStream = organizationStream(organizationId);
    let policy;
    try {
      const reserved = await this.aggregates.execute(orgStream, organizationDecider, { type: 'ReserveServiceAccountSlot', serviceAccountId, name }, context, { retries: 5 });
      if (reserved.state.status === 'active') policy = reserved.state.policy;
    } catch (error) {
      if (error instanceof ServiceAccountQuotaExceeded) {
        const { plan, quota, used } = error;
        await this.aggregates.append(orgStream, [{ type: 'ServiceAccountQuotaRefused', data: { organizationId, plan, quota, used } }], context);
      }
      throw error;
    }
    const now = this.clock();
    let state;
    try {
      ({ state } = await this.aggregates.execute(
        serviceAccountStream(serviceAccountId),
        serviceAccountDecider,
        { type: 'CreateServiceAccount', serviceAccountId, organizationId, name, description, ...ownership, policy, now },
        context,
      ));
    } catch (error) {
      // Give the slot back at once; if even that fails, the abandoned-slot sweeper will.
      await this.aggregates.execute(orgStream, organizationDecider, { type: 'ReleaseServiceAccountSlot', serviceAccountId }, context, { retries: 5 }).catch(() => undefined);
      throw error;
    }
    if (state.status === 'absent') throw new Error('service account was not created');
    return { id: state.id, name: state.name, description: state.description, owner: state.owner, tags: state.tags, status: 'active', createdAt: state.createdAt };
  }
}
