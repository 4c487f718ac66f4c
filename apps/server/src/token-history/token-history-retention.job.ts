import { Inject, Injectable } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { OrganizationsProjection } from '@keyward/projections';
import { CLOCK, type Clock, EVENT_STORE, KEYWARD_CONFIG, PeriodicJob } from '@keyward/application';
import { type RetentionRun, TokenHistoryRetention } from './token-history-retention';

export const RETENTION_INTERVAL_MS = 10 * 60_000;

/** Runs the token-history retention every ten minutes on every replica (truncation is idempotent). */
@Injectable()
export class TokenHistoryRetentionJob extends PeriodicJob {
  private readonly retention: TokenHistoryRetention;

  constructor(
    @Inject(KEYWARD_CONFIG) config: KeywardConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    organizations: OrganizationsProjection,
  ) {
    super('TokenHistoryRetention', RETENTION_INTERVAL_MS);
    this.retention = new TokenHistoryRetention({
      store,
      clock,
      retentionDays: config.tokenEventRetentionDays,
      organizationIds: () => organizations.organizationIds(),
    });
  }

  protected async runOnce(): Promise<RetentionRun> {
    const run = await this.retention.run();
    if (run.truncated > 0)
      this.logger.log(`removed ${run.truncated} token events recorded before ${run.cutoff.toISOString()} and published by the audit relay`);
    return run;
  }
}
