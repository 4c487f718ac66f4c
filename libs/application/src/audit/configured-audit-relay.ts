import { readFileSync } from 'node:fs';
import { AuditRelay, createAuditSink, type RelayLogger } from '@keyward/audit';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { StoreCheckpointSigner } from './store-checkpoint-signer';

/**
 * The relay as configured: Kafka when KAFKA_BROKERS is set, otherwise DATA_DIR/audit.jsonl (same schema).
 * Used inside the server (AUDIT_RELAY=embedded) and by the standalone apps/audit-relay.
 */
export function createConfiguredAuditRelay(config: KeywardConfig, store: EventStore, logger: RelayLogger, onFatal?: (error: Error) => void): AuditRelay {
  const kafka = config.kafka && {
    brokers: config.kafka.brokers,
    topic: config.auditTopic,
    clientId: config.kafka.clientId,
    topicPartitions: config.kafka.topicPartitions,
    ssl: config.kafka.ssl,
    // The sink takes PEM text: read the CA once, at boot, so a missing file fails the start loudly.
    sslCa: config.kafka.sslCaFile ? readFileSync(config.kafka.sslCaFile) : undefined,
    sasl: config.kafka.sasl,
  };
  const chainCheckpoints = {
    signer: new StoreCheckpointSigner(store, config.keyEncryptionKey, config.issuer),
    everyRecords: config.auditChainCheckpoint.everyRecords,
    everyMs: config.auditChainCheckpoint.everySeconds * 1000,
  };
  return new AuditRelay({ store, sink: createAuditSink({ kafka, dataDir: config.dataDir, logger }), logger, onFatal, chainCheckpoints });
}
