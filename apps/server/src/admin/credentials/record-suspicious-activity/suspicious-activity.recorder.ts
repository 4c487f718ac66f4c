import { Inject, Injectable } from '@nestjs/common';
import { SuspiciousActivityDetector } from '@keyward/projections';
import { AggregateStore, CLOCK, type Clock, executeOnServiceAccount, PeriodicJob } from '@keyward/application';

export const SUSPICIOUS_ACTIVITY_FLUSH_MS = 5_000;

/** Records the detector's findings as SuspiciousTokenActivity on the account's stream, and so on the audit topic. */
@Injectable()
export class SuspiciousActivityRecorder extends PeriodicJob {
  constructor(
    private readonly detector: SuspiciousActivityDetector,
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super('SuspiciousActivity', SUSPICIOUS_ACTIVITY_FLUSH_MS);
  }

  protected runOnce(): Promise<number> {
    return this.flush();
  }

  /** Returns how many were recorded (the decider drops a repeat within the day). */
  async flush(): Promise<number> {
    let recorded = 0;
    for (const { organizationId, serviceAccountId, credentialId, reason, facts } of this.detector.drain()) {
      try {
        const { events } = await executeOnServiceAccount(
          this.aggregates,
          organizationId,
          serviceAccountId,
          { type: 'RecordSuspiciousActivity', credentialId, reason, facts, now: this.clock() },
          { actor: 'system', organizationId, correlationId: `suspicious-${credentialId}` },
          { retries: 3 },
        );
        recorded += events.length;
      } catch (error) {
        this.logger.warn(`could not record suspicious activity of credential ${credentialId}: ${(error as Error).message}`);
      }
    }
    return recorded;
  }
}
