import type { ClaimVerdict, JtiClaim, ReplayGuard } from './replay-guard';
import { claimKey } from './claim-key';
import { TenantClaims } from './tenant-claims';

/**
 * The ReplayGuard of one replica alone: claims live in this process only, so behind a load balancer a
 * captured proof could be used once more on each other replica within its lifetime. For a single process,
 * tests, and benchmarks; the server uses EventStoreReplayGuard, which holds across replicas.
 */
export class InMemoryReplayGuard implements ReplayGuard {
  private readonly claims: TenantClaims;

  constructor(private readonly deps: { readonly maxPerOrganization: number; readonly clock: () => Date }) {
    this.claims = new TenantClaims(deps.maxPerOrganization);
  }

  async claim(claim: JtiClaim): Promise<ClaimVerdict> {
    const nowMs = this.deps.clock().getTime();
    const { key } = claimKey(claim);
    if (this.claims.has(claim.organizationId, key, nowMs)) return 'replayed';
    this.claims.assertRoom(claim.organizationId, nowMs);
    this.claims.add(claim.organizationId, key, claim.until.getTime(), nowMs);
    return 'claimed';
  }
}
