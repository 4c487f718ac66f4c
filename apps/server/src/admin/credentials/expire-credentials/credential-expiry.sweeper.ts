import { Inject, Injectable } from '@nestjs/common';
import { credentialExpiry } from '@keyward/domain';
import { ClientCredentialsProjection, type CredentialView } from '@keyward/projections';
import { AggregateStore, CLOCK, type Clock, executeOnServiceAccount, PeriodicJob } from '@keyward/application';

export const CREDENTIAL_SWEEP_MS = 60_000;

/**
 * Records CredentialExpired for credentials whose time is up (API token expiry, the org's max API token
 * or client secret age). Expired credentials already stop working at that instant (the token endpoint
 * and introspection judge by time); the sweeper makes it a fact in the event log for the audit trail
 * and the admin API. The decider re-checks each one, so a sweep racing another replica records nothing twice.
 */
@Injectable()
export class CredentialExpirySweeper extends PeriodicJob {
  constructor(
    private readonly credentials: ClientCredentialsProjection,
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super('CredentialExpiry', CREDENTIAL_SWEEP_MS);
  }

  protected runOnce(): Promise<number> {
    return this.sweep();
  }

  /** Returns how many credentials were recorded as expired. */
  async sweep(): Promise<number> {
    const now = this.clock();
    const due = [...this.credentials.live()].filter((credential) => this.isDue(credential, now.getTime()));
    let expired = 0;
    for (const credential of due) {
      const { organizationId, serviceAccountId, credentialId } = credential;
      const policy = this.credentials.policyOf(organizationId);
      // One credential that cannot be recorded (a deleted account, a store hiccup) must not hold back the others.
      try {
        const { events } = await executeOnServiceAccount(
          this.aggregates,
          organizationId,
          serviceAccountId,
          { type: 'ExpireCredential', credentialId, policy, now },
          { actor: 'system', organizationId, correlationId: `expiry-${credentialId}` },
          { retries: 3 },
        );
        expired += events.length;
      } catch (error) {
        this.logger.warn(`could not record the expiry of credential ${credentialId}: ${(error as Error).message}`);
      }
    }
    return expired;
  }

  private isDue(credential: CredentialView, nowMs: number): boolean {
    const expiry = credentialExpiry(credential, this.credentials.policyOf(credential.organizationId));
    return expiry !== undefined && expiry.atMs <= nowMs;
  }
}
