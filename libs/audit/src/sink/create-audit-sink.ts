import type { RelayLogger } from '../relay/relay-logger';
import type { AuditSink } from './audit-sink.port';
import { JsonlAuditSink } from './jsonl/jsonl-audit-sink';
import { KafkaAuditSink } from './kafka/kafka-audit-sink';
import type { KafkaAuditSinkConfig } from './kafka/kafka-audit-sink.config';

/** Which sink, decided by the caller from the configured audit destination (libs/config auditDestination). */
export type AuditSinkTarget =
  { readonly kind: 'kafka'; readonly kafka: KafkaAuditSinkConfig } | { readonly kind: 'jsonl'; readonly path: string };

/** The Kafka topic, or the embedded default's JSONL file in the same schema. */
export function createAuditSink(target: AuditSinkTarget, logger?: RelayLogger): AuditSink {
  return target.kind === 'kafka' ? new KafkaAuditSink(target.kafka, logger) : new JsonlAuditSink(target.path);
}
