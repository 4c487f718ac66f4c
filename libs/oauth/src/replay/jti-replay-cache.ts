import { TemporarilyUnavailable } from '../errors/oauth-errors';

/**
 * One-time use of a `jti` until its expiry (RFC 7523 §3 item 7, RFC 9449 §11.1), in memory and bounded.
 * When full of live entries it refuses new ones (fail closed) rather than forget one and allow a replay.
 * Entries are partitioned by client with a cap each, so one client filling its share (its own proofs
 * are cheap to mint) is refused alone instead of locking every tenant out.
 *
 * Multi-replica limit: each replica remembers only what it saw. Behind a load balancer, an assertion or
 * proof captured in flight could be replayed once on each other replica within its short lifetime
 * (assertions ≤ 5 min, proofs ≤ the iat window). Strict single use across replicas needs a shared
 * store (e.g. Redis SET NX PX, or an append with expected revision `no_stream` on a per-jti stream).
 */
export class JtiReplayCache {
  private readonly partitions = new Map<string, Map<string, number>>();
  private total = 0;

  constructor(
    private readonly maxEntriesPerClient = 10_000,
    private readonly maxEntries = 1_000_000,
  ) {}

  /** True the first time `jti` is seen for this client while unexpired; false for a replay. */
  use(client: string, jti: string, expiresAtMs: number, nowMs: number): boolean {
    const partition = this.partitions.get(client) ?? new Map<string, number>();
    const seen = partition.get(jti);
    if (seen !== undefined && seen > nowMs) return false;
    if (partition.size >= this.maxEntriesPerClient) this.prune(partition, nowMs);
    if (partition.size >= this.maxEntriesPerClient)
      throw new TemporarilyUnavailable('too many requests from this client; retry later', 'replay_cache_full_for_client');
    if (this.total >= this.maxEntries) for (const other of this.partitions.values()) this.prune(other, nowMs);
    if (this.total >= this.maxEntries) throw new TemporarilyUnavailable('too many requests; retry later', 'replay_cache_full');
    if (seen === undefined) this.total++;
    partition.set(jti, expiresAtMs);
    this.partitions.set(client, partition);
    return true;
  }

  get size(): number {
    return this.total;
  }

  private prune(partition: Map<string, number>, nowMs: number): void {
    for (const [jti, expiresAtMs] of partition) {
      if (expiresAtMs > nowMs) continue;
      partition.delete(jti);
      this.total--;
    }
  }
}
