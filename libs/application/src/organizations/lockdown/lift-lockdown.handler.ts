import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NoActiveLockdown, organizationDecider, organizationStream } from '@keyward/domain';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, type Clock } from '../../core/tokens';
import { executeOnServiceAccount } from '../../service-accounts/service-account-in-organization';
import { loadAccounts, loadOrganization } from './lockdown-targets';

export class LiftLockdown extends Command<LiftLockdownResult> {
  constructor(readonly props: { readonly organizationId: string; readonly context: CommandContext }) {
    super();
  }
}

export interface LiftLockdownResult {
  readonly lockdownId: string;
  /** Accounts the lockdown had suspended and that are running again. */
  readonly reactivated: readonly string[];
  /** Accounts of the lockdown left as they are: suspended again since for another reason, or deleted. */
  readonly leftAlone: readonly string[];
}

/**
 * Reactivates exactly the accounts the lockdown suspended, each only while that suspension is still the
 * lockdown's. The lift is recorded first; if a crash stops it half-way, lifting again finishes it.
 */
@CommandHandler(LiftLockdown)
export class LiftLockdownHandler implements ICommandHandler<LiftLockdown, LiftLockdownResult> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { organizationId, context } }: LiftLockdown): Promise<LiftLockdownResult> {
    const organization = await loadOrganization(this.aggregates, organizationId);
    const lockdown = organization.lockdown;
    if (!lockdown) throw new NoActiveLockdown();
    const accounts = await loadAccounts(this.aggregates, lockdown.serviceAccountIds);
    const stillSuspended = accounts.filter((account) => account.status === 'suspended' && account.suspendedByLockdown === lockdown.id);
    if (lockdown.status === 'lifted' && stillSuspended.length === 0) throw new NoActiveLockdown();
    if (lockdown.status === 'active') {
      await this.aggregates.execute(
        organizationStream(organizationId),
        organizationDecider,
        { type: 'LiftLockdown', now: this.clock() },
        context,
        { retries: 3 },
      );
    }
    const reactivated: string[] = [];
    for (const account of stillSuspended) {
      const { events } = await executeOnServiceAccount(
        this.aggregates,
        organizationId,
        account.id,
        { type: 'ReactivateServiceAccount', lockdownId: lockdown.id, now: this.clock() },
        context,
        { retries: 3 },
      );
      if (events.length > 0) reactivated.push(account.id);
    }
    return { lockdownId: lockdown.id, reactivated, leftAlone: lockdown.serviceAccountIds.filter((id) => !reactivated.includes(id)) };
  }
}
