import { readFileSync } from 'node:fs';
import { AuditRelay, createAuditSink, type AuditSinkTarget, type RelayLogger } from '@keyward/audit';
import { auditDestination, type AuditDestination, type KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { StoreCheckpointSigner } from './store-checkpoint-signer';

/** What the relay needs of the configuration: plain data, so it can cross to the relay's worker thread. */
export type AuditRelayConfig = Pick<
  KeywardConfig,
  'eventStore' | 'kafka' | 'auditTopic' | 'dataDir' | 'keyEncryptionKey' | 'issuer' | 'auditChainCheckpoint'
>;

export function auditRelayConfig(config: KeywardConfig): AuditRelayConfig {
  const { eventStore, kafka, auditTopic, dataDir, keyEncryptionKey, issuer, auditChainCheckpoint } = config;
  return { eventStore, kafka, auditTopic, dataDir, keyEncryptionKey, issuer, auditChainCheckpoint };
}

/**
 * The relay as configured: to the audit destination (Kafka when KAFKA_BROKERS is set, otherwise DATA_DIR/audit.jsonl).
 * Used on the server's relay thread (AUDIT_RELAY=embedded), in the server itself (in-process) and by apps/audit-relay.
 */
export function createConfiguredAuditRelay(props: {
  readonly config: AuditRelayConfig;
  readonly store: EventStore;
  readonly logger: RelayLogger;
  readonly onFatal?: (error: Error) => void;
  /** Default: resolved from the config (reading the Kafka CA file). */
  readonly sinkTarget?: AuditSinkTarget;
}): AuditRelay {
  const { config, store, logger, onFatal } = props;
  const chainCheckpoints = {
    signer: new StoreCheckpointSigner({ store, keyEncryptionKey: config.keyEncryptionKey, issuer: config.issuer }),
    everyRecords: config.auditChainCheckpoint.everyRecords,
    everyMs: config.auditChainCheckpoint.everySeconds * 1000,
  };
  const sink = createAuditSink(props.sinkTarget ?? configuredAuditSinkTarget(config), logger);
  return new AuditRelay({ store, sink, logger, onFatal, chainCheckpoints });
}

export function configuredAuditSinkTarget(config: Pick<KeywardConfig, 'kafka' | 'auditTopic' | 'dataDir'>): AuditSinkTarget {
  return sinkTarget(auditDestination(config));
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
