import { Inject, Injectable } from '@nestjs/common';
import { organizationDecider, organizationStream } from '@keyward/domain';
import { OrganizationsProjection, ServiceAccountsProjection } from '@keyward/projections';
import { AggregateStore, CLOCK, type Clock, PeriodicJob } from '@keyward/application';

export const ABANDONED_SLOT_SWEEP_MS = 60_000;
/** Longer than any create or delete takes between its two appends. */
export const ABANDONED_SLOT_GRACE_MS = 60_000;

/**
 * Creating and deleting a service account each append to two streams (the organization's slot, then the
 * account), and no store makes two streams atomic. If a process dies between the two, a slot stays taken
 * with no live account behind it: quota and name leak. This sweeper gives such slots back, once they are
 * older than the grace period. The decider makes a second release a no-op, so replicas may race.
 */
@Injectable()
export class AbandonedSlotSweeper extends PeriodicJob {
  constructor(
    private readonly organizations: OrganizationsProjection,
    private readonly accounts: ServiceAccountsProjection,
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super('AbandonedSlots', ABANDONED_SLOT_SWEEP_MS);
  }

  protected runOnce(): Promise<number> {
    return this.sweep();
  }

  /** Returns how many slots were released. */
  async sweep(): Promise<number> {
    const cutoff = this.clock().getTime() - ABANDONED_SLOT_GRACE_MS;
    const abandoned = [...this.organizations.reservedSlots()].filter(
      (slot) => slot.reservedAtMs < cutoff && this.accounts.get(slot.organizationId, slot.serviceAccountId) === undefined,
    );
    let released = 0;
    for (const { organizationId, serviceAccountId } of abandoned) {
      const { events } = await this.aggregates.execute(
        organizationStream(organizationId),
        organizationDecider,
        { type: 'ReleaseServiceAccountSlot', serviceAccountId },
        {
          actor: 'system',
          organizationId,
          correlationId: `abandoned-slot-${serviceAccountId}`,
        },
        { retries: 5 },
      );
      released += events.length;
      if (events.length > 0)
        this.logger.warn(`released the slot of service account ${serviceAccountId} in ${organizationId}: no live account behind it`);
    }
    return released;
  }
}
