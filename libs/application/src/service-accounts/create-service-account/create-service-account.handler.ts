import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  organizationDecider,
  organizationStream,
  ServiceAccountQuotaExceeded,
  serviceAccountDecider,
  serviceAccountStream,
} from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '../../core/tokens';

/** With `dryRun`, the answer is what would be created: no id, nothing appended. */
export class CreateServiceAccount<DryRun extends boolean = false> extends Command<
  DryRun extends true ? ServiceAccountPreview : ServiceAccountCreatedResult
> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly name: string;
      readonly description: string;
      readonly context: CommandContext;
      readonly ownership?: { readonly owner?: string | null; readonly tags?: readonly string[] };
      readonly dryRun?: DryRun;
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

export type ServiceAccountPreview = { readonly dryRun: true } & Omit<ServiceAccountCreatedResult, 'id' | 'createdAt'>;

/**
 * Reserve a slot in the organization (quota and unique name, checked under the org stream's revision),
 * then create the account in its own stream. A quota refusal is recorded for the audit trail.
 * A dry run takes both decisions on the same loaded state and appends nothing, not even the refusal
 * (it is a question about the form, not an attempt).
 */
@CommandHandler(CreateServiceAccount)
export class CreateServiceAccountHandler implements ICommandHandler<CreateServiceAccount<boolean>> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    props: { organizationId, name, description, context, ownership, dryRun = false },
  }: CreateServiceAccount<boolean>): Promise<ServiceAccountCreatedResult | ServiceAccountPreview> {
    const serviceAccountId = randomUUID();
    const orgStream = organizationStream(organizationId);
    let policy;
    try {
      const reserved = await this.aggregates.execute(
        orgStream,
        organizationDecider,
        { type: 'ReserveServiceAccountSlot', serviceAccountId, name },
        context,
        { retries: 5, dryRun },
      );
      if (reserved.state.status === 'active') policy = reserved.state.policy;
    } catch (error) {
      if (error instanceof ServiceAccountQuotaExceeded && !dryRun) {
        const { plan, quota, used } = error;
        await this.aggregates.append(
          orgStream,
          [{ type: 'ServiceAccountQuotaRefused', data: { organizationId, plan, quota, used } }],
          context,
        );
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
        { dryRun },
      ));
    } catch (error) {
      if (dryRun) throw error;
      // Give the slot back at once; if even that fails, the abandoned-slot sweeper will.
      await this.aggregates
        .execute(orgStream, organizationDecider, { type: 'ReleaseServiceAccountSlot', serviceAccountId }, context, { retries: 5 })
        .catch(() => undefined);
      throw error;
    }
    if (state.status === 'absent') throw new Error('service account was not created');
    if (dryRun)
      return { dryRun: true, name: state.name, description: state.description, owner: state.owner, tags: state.tags, status: 'active' };
    return {
      id: state.id,
      name: state.name,
      description: state.description,
      owner: state.owner,
      tags: state.tags,
      status: 'active',
      createdAt: state.createdAt,
    };
  }
}
