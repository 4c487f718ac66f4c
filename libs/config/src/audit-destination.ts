import { join } from 'node:path';
import type { KafkaConfig, KeywardConfig } from './keyward-config';

/** The embedded default's file name inside DATA_DIR. */
export const AUDIT_JSONL_FILE = 'audit.jsonl';

/** Where the audit records go: the Kafka topic, or, without KAFKA_BROKERS, one JSON line each in DATA_DIR/audit.jsonl (same schema). */
export type AuditDestination =
  { readonly kind: 'kafka'; readonly kafka: KafkaConfig; readonly topic: string } | { readonly kind: 'jsonl'; readonly path: string };

/**
 * The one answer to "Kafka or file?", for everything that writes or reads the audit stream (the relay,
 * in the server or alone, and the CLI's `audit tail` and `audit verify`), so they never disagree.
 */
export function auditDestination(config: Pick<KeywardConfig, 'kafka' | 'auditTopic' | 'dataDir'>): AuditDestination {
  if (config.kafka && config.kafka.brokers.length > 0) return { kind: 'kafka', kafka: config.kafka, topic: config.auditTopic };
  return { kind: 'jsonl', path: join(config.dataDir, AUDIT_JSONL_FILE) };
}

/** For logs and messages: `Kafka topic keyward.audit.v1` or the file's path. */
export const describeAuditDestination = (destination: AuditDestination): string =>
  destination.kind === 'kafka' ? `Kafka topic ${destination.topic}` : destination.path;
