import { TemporarilyUnavailable } from '../errors/oauth-errors';

/**
 * The live claims of every organization, each organization bounded on its own. A Map keeps insertion
 * order, and claims arrive roughly in expiry order (every kind has a short, bounded horizon), so expired
 * claims leave from the front: amortized O(1) per claim, no scans. An expired claim stuck behind a live one
 * still counts until that one expires (at most one horizon later); the bound errs towards refusing.
 */
export class TenantClaims {
  private readonly tenants = new Map<string, Map<string, number>>();

  constructor(private readonly maxPerOrganization: number) {}

  /** Whether `key` is claimed and unexpired. */
  has(organizationId: string, key: string, nowMs: number): boolean {
    const until = this.tenants.get(organizationId)?.get(key);
    return until !== undefined && until > nowMs;
  }

  /** Throws 503 (this organization only) when its live claims fill its bound: forgetting one would allow a replay. */
  assertRoom(organizationId: string, nowMs: number): void {
    const claims = this.tenants.get(organizationId);
    if (claims === undefined) return;
    this.evictExpired(claims, nowMs);
    if (claims.size >= this.maxPerOrganization)
      throw new TemporarilyUnavailable('too many one-time tokens in use by this organization; retry later', 'replay_claims_full');
  }

  /** Records a claim (also one learned from another replica: the bound counts those too). */
  add(organizationId: string, key: string, untilMs: number, nowMs: number): void {
    if (untilMs <= nowMs) return;
    let claims = this.tenants.get(organizationId);
    if (claims === undefined) this.tenants.set(organizationId, (claims = new Map()));
    // Re-inserting moves the key to the back, where its new expiry belongs.
    claims.delete(key);
    claims.set(key, untilMs);
    this.evictExpired(claims, nowMs);
  }

  /** Live and not yet evicted claims of one organization. */
  sizeOf(organizationId: string): number {
    return this.tenants.get(organizationId)?.size ?? 0;
  }

  private evictExpired(claims: Map<string, number>, nowMs: number): void {
    for (const [key, until] of claims) {
      if (until > nowMs) return;
      claims.delete(key);
    }
  }
}
