import type { AuditRecord } from '../record/audit-record';

/** Where audit records go. The relay retries every failure, so a sink only reports them. */
export interface AuditSink {
  /** For logs: `kafka:keyward.audit.v1`, `jsonl:/data/audit.jsonl`. */
  readonly description: string;
  /** Connects and prepares the destination. Idempotent; throws when the destination is unreachable. */
  open(): Promise<void>;
  /**
   * Resolves only once every record is durable at the destination (Kafka: acknowledged by all
   * in-sync replicas; file: fsynced). Records with one partition key keep their order. On a throw,
   * any subset may have been written: the relay publishes the whole batch again.
   */
  publish(records: readonly AuditRecord[]): Promise<void>;
  close(): Promise<void>;
}
