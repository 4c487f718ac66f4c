import { readFileSync } from 'node:fs';
import { AuditRelay, createAuditSink, type AuditSinkTarget, type RelayLogger } from '@keyward/audit';
import { auditDestination, type AuditDestination, type KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { StoreCheckpointSigner } from './store-checkpoint-signer';

/**
 * The relay as configured: to the audit destination (Kafka when KAFKA_BROKERS is set, otherwise DATA_DIR/audit.jsonl).
 * Used inside the server (AUDIT_RELAY=embedded) and by the standalone apps/audit-relay.
 */
export function createConfiguredAuditRelay(
  config: KeywardConfig,
  store: EventStore,
  logger: RelayLogger,
  onFatal?: (error: Error) => void,
): AuditRelay {
  const chainCheckpoints = {
    signer: new StoreCheckpointSigner({ store, keyEncryptionKey: config.keyEncryptionKey, issuer: config.issuer }),
    everyRecords: config.auditChainCheckpoint.everyRecords,
    everyMs: config.auditChainCheckpoint.everySeconds * 1000,
  };
  return new AuditRelay({ store, sink: createAuditSink(sinkTarget(auditDestination(config)), logger), logger, onFatal, chainCheckpoints });
}

function sinkTarget(destination: AuditDestination): AuditSinkTarget {
  if (destination.kind === 'jsonl') return destination;
  const { kafka, topic } = destination;
  return {
    kind: 'kafka',
    kafka: {
      brokers: kafka.brokers,
      topic,
      clientId: kafka.clientId,
      topicPartitions: kafka.topicPartitions,
      ssl: kafka.ssl,
      // The sink takes PEM text: read the CA once, at boot, so a missing file fails the start loudly.
      sslCa: kafka.sslCaFile ? readFileSync(kafka.sslCaFile) : undefined,
      sasl: kafka.sasl,
    },
  };
}
