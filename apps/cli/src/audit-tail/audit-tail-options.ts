/** What `audit tail` was asked for, after commander parsed it. */
export interface AuditTailOptions {
  readonly fromBeginning: boolean;
  /** Organization id: only records of this organization. */
  readonly org?: string;
  /** Record types: exact (`keyward.credential.revoked.v1`), without version, or a prefix ending in `.`. */
  readonly types: readonly string[];
  readonly json: boolean;
  /** Kafka consumer group; default a fresh one per run, so tails never take partitions from each other. */
  readonly group?: string;
}
