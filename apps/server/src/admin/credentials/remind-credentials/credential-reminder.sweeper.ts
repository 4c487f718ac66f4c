import { Inject, Injectable } from '@nestjs/common';
import { credentialExpiry } from '@keyward/domain';
import { ClientCredentialsProjection, type CredentialView } from '@keyward/projections';
import { AggregateStore, CLOCK, type Clock, executeOnServiceAccount, PeriodicJob } from '@keyward/application';

export const CREDENTIAL_REMINDER_SWEEP_MS = 10 * 60_000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Records CredentialRotationDue and CredentialExpiringSoon as a secret nears the org's maximum age or an
 * API token its expiry, once per threshold of the policy's reminderDays. They reach the audit topic,
 * where alerting picks them up. The decider knows which reminder was sent; this sweeper remembers which
 * (credential, instant, threshold) it already settled, so a sweep loads only what may be due anew.
 */
@Injectable()
export class CredentialReminderSweeper extends PeriodicJob {
  private readonly settled = new Set<string>();

  constructor(
    private readonly credentials: ClientCredentialsProjection,
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super('CredentialReminders', CREDENTIAL_REMINDER_SWEEP_MS);
  }

  protected runOnce(): Promise<number> {
    return this.sweep();
  }

  /** Returns how many reminders were recorded. */
  async sweep(): Promise<number> {
    const now = this.clock();
    const due = [...this.credentials.live()].flatMap((credential) => this.dueKey(credential, now.getTime()));
    this.forgetOthers(new Set(due.map(({ key }) => key)));
    let recorded = 0;
    for (const { credential, key } of due) {
      if (this.settled.has(key)) continue;
      const { organizationId, serviceAccountId, credentialId } = credential;
      try {
        const { events } = await executeOnServiceAccount(
          this.aggregates,
          organizationId,
          serviceAccountId,
          { type: 'RemindCredential', credentialId, policy: this.credentials.policyOf(organizationId), now },
          { actor: 'system', organizationId, correlationId: `reminder-${credentialId}` },
          { retries: 3 },
        );
        recorded += events.length;
        this.settled.add(key);
      } catch (error) {
        this.logger.warn(`could not record the reminder of credential ${credentialId}: ${(error as Error).message}`);
      }
    }
    return recorded;
  }

  /** The credential with the tightest threshold it crossed, keyed so that the same reminder is asked for once. */
  private dueKey(credential: CredentialView, nowMs: number): { credential: CredentialView; key: string }[] {
    const policy = this.credentials.policyOf(credential.organizationId);
    const expiry = credentialExpiry(credential, policy);
    if (!expiry || expiry.atMs <= nowMs) return [];
    const crossed = policy.reminderDays.filter((days) => expiry.atMs - nowMs <= days * DAY_MS);
    if (crossed.length === 0) return [];
    return [{ credential, key: `${credential.credentialId}:${expiry.atMs}:${Math.min(...crossed)}` }];
  }

  private forgetOthers(keep: ReadonlySet<string>): void {
    for (const key of this.settled) if (!keep.has(key)) this.settled.delete(key);
  }
}
