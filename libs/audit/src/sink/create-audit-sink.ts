import { join } from 'node:path';
import type { RelayLogger } from '../relay/relay-logger';
import type { AuditSink } from './audit-sink.port';
import { JsonlAuditSink } from './jsonl/jsonl-audit-sink';
import { KafkaAuditSink } from './kafka/kafka-audit-sink';
import type { KafkaAuditSinkConfig } from './kafka/kafka-audit-sink.config';

export const AUDIT_JSONL_FILE = 'audit.jsonl';

/** Kafka when brokers are configured; otherwise the embedded default, DATA_DIR/audit.jsonl, in the same schema. */
export function createAuditSink(options: { kafka?: KafkaAuditSinkConfig; dataDir: string; logger?: RelayLogger }): AuditSink {
  if (options.kafka && options.kafka.brokers.length > 0) return new KafkaAuditSink(options.kafka, options.logger);
  return new JsonlAuditSink(join(options.dataDir, AUDIT_JSONL_FILE));
}
