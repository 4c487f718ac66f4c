export * from './record/audit-record';
export * from './record/audit-mapping';
export * from './record/audit-type-name';
export * from './record/default-audit-mapping';
export * from './sink/audit-sink.port';
export * from './sink/create-audit-sink';
export * from './sink/jsonl/jsonl-audit-sink';
export * from './sink/kafka/kafka-audit-sink';
export * from './sink/kafka/kafka-audit-sink.config';
export * from './relay/audit-relay';
export * from './relay/audit-relay.options';
export * from './relay/audit-relay.port';
export { Backoff, type BackoffOptions } from './relay/backoff';
export {
  CHECKPOINT_STORED,
  CHECKPOINT_STREAM_PREFIX,
  RelayFenced,
  checkpointStream,
  readPublishedPosition,
} from './relay/relay-checkpoint';
export * from './relay/relay-logger';
export type { AuditRelayMetrics, AuditRelayState } from './relay/relay-metrics';
export { kafkaSaslOptions, type KafkaSasl } from './sink/kafka/kafka-sasl-options';
export * from './chain/audit-chain';
export * from './chain/chained-lines';
export * from './chain/audit-chains';
export * from './chain/chain-checkpoint-record';
export * from './chain/audit-chain-verifier';
