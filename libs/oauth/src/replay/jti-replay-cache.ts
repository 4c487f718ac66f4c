import { TemporarilyUnavailable } from '../errors/oauth-errors';

/**
 * One-time use of a `jti` until its expiry (RFC 7523 §3 item 7, RFC 9449 §11.1), in memory and bounded.
 * When full of live entries it refuses new ones (fail closed) rather than forget one and allow a replay.
 *
 * Multi-replica limit: each replica remembers only what it saw. Behind a load balancer, an assertion or
 * proof captured in flight could be replayed once on each other replica within its short lifetime
 * (assertions ≤ 5 min, proofs ≤ the iat window). Strict single use across replicas needs a shared
 * store (e.g. Redis SET NX PX, or an append with expected revision `no_stream` on a per-jti stream).
 */
export class JtiReplayCache {
  private readonly expiresAtMsByKey = new Map<string, number>();

  constructor(private readonly maxEntries = 100_000) {}

  /** True the first time `key` is seen while unexpired; false for a replay. */
  use(key: string, expiresAtMs: number, nowMs: number): boolean {
    const seen = this.expiresAtMsByKey.get(key);
    if (seen !== undefined && seen > nowMs) return false;
    if (this.expiresAtMsByKey.size >= this.maxEntries) this.prune(nowMs);
    if (this.expiresAtMsByKey.size >= this.maxEntries) throw new TemporarilyUnavailable('too many requests; retry later', 'replay_cache_full');
    this.expiresAtMsByKey.set(key, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.expiresAtMsByKey.size;
  }

  private prune(nowMs: number): void {
    for (const [key, expiresAtMs] of this.expiresAtMsByKey) if (expiresAtMs <= nowMs) this.expiresAtMsByKey.delete(key);
  }
}
