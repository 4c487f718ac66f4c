/** Where `audit tail` reads records from: the Kafka topic, or DATA_DIR/audit.jsonl without Kafka. */
export interface AuditRecordSource {
  /** For the operator, on stderr: what is read, from where. */
  readonly description: string;
  /** Hands each raw record (one JSON text) to `onRecord`, in order, until `signal` aborts or the source fails. */
  run(onRecord: (json: string) => Promise<void> | void, signal: AbortSignal): Promise<void>;
}
