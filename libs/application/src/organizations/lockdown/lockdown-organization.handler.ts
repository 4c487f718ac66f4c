import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organizationDecider, organizationStream } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';
import { loadAccounts, loadOrganization, toTarget, type LockdownTarget } from './lockdown-targets';

export class LockdownOrganization extends Command<LockdownResult> {
  constructor(
    readonly props: {
      readonly organizationId: string;
      readonly reason: string;
      readonly dryRun: boolean;
      /** The caller's own account keeps working, so that it can lift the lockdown. */
      readonly exemptServiceAccountIds: readonly string[];
      readonly context: CommandContext;
    },
  ) {
    super();
  }
}

export interface LockdownResult {
  readonly dryRun: boolean;
  /** Absent on a dry run. */
  readonly lockdownId?: string;
  readonly reason: string;
  /** The accounts it suspends (or would), with the credentials that stop working. */
  readonly serviceAccounts: readonly LockdownTarget[];
  readonly exemptServiceAccountIds: readonly string[];
  /** A lockdown already active (one a crash interrupted, or a repeated call) was finished instead of a new one. */
  readonly resumed: boolean;
}

/**
 * Break glass. The lockdown is first recorded on the organization (one event: actor, reason, the
 * accounts it suspends), then each account is suspended with its id. A crash in between leaves the
 * lockdown active: calling again finishes the recorded one, never starts a second.
 */
@CommandHandler(LockdownOrganization)
export class LockdownOrganizationHandler implements ICommandHandler<LockdownOrganization, LockdownResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props }: LockdownOrganization): Promise<LockdownResult> {
    const { organizationId, reason, dryRun, exemptServiceAccountIds, context } = props;
    const organization = await loadOrganization(this.aggregates, organizationId);
    const exempt = new Set(exemptServiceAccountIds);
    const active = organization.lockdown?.status === 'active' ? organization.lockdown : undefined;
    const candidates = active ? active.serviceAccountIds : [...organization.accounts.keys()].filter((id) => !exempt.has(id));
    // A new lockdown takes the accounts running now (suspended ones stay as they are, and a lift leaves
    // them so); resuming one applies it again to every account it recorded.
    const accounts = (await loadAccounts(this.aggregates, candidates)).filter(
      (account) => active !== undefined || account.status === 'active',
    );
    const targets = accounts.map(toTarget);
    if (dryRun) return { dryRun, reason, serviceAccounts: targets, exemptServiceAccountIds: [...exempt], resumed: false };

    const lockdownId = active?.id ?? randomUUID();
    if (!active) {
      const ids = targets.map((target) => target.serviceAccountId);
      await this.aggregates.execute(
        organizationStream(organizationId),
        organizationDecider,
        { type: 'StartLockdown', lockdownId, reason, serviceAccountIds: ids, exemptServiceAccountIds: [...exempt], now: this.clock() },
        context,
        { retries: 3 },
      );
    }
    for (const target of targets) {
      const command = { type: 'SuspendServiceAccount', reason: active?.reason ?? reason, lockdownId, now: this.clock() } as const;
      await executeOnServiceAccount(this.aggregates, organizationId, target.serviceAccountId, command, context, { retries: 3 });
    }
    return {
      dryRun,
      lockdownId,
      reason: active?.reason ?? reason,
      serviceAccounts: targets,
      exemptServiceAccountIds: [...exempt],
      resumed: active !== undefined,
    };
  }
}
