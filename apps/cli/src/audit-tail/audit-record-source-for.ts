import { randomUUID } from 'node:crypto';
import { auditDestination, type KeywardConfig } from '@keyward/config';
import type { AuditRecordSource } from './audit-record-source';
import type { AuditTailOptions } from './audit-tail-options';
import { JsonlAuditRecordSource } from './jsonl-audit-record-source';
import { KafkaAuditRecordSource } from './kafka-audit-record-source';
import { tailKafkaClientConfig } from './tail-kafka-client-config';

/** The topic when KAFKA_BROKERS is set, as the relay writes it; otherwise the embedded relay's file. */
export function auditRecordSourceFor(config: KeywardConfig, options: AuditTailOptions, warn: (message: string) => void): AuditRecordSource {
  const destination = auditDestination(config);
  if (destination.kind === 'kafka') {
    return new KafkaAuditRecordSource({
      client: tailKafkaClientConfig(destination.kafka),
      topic: destination.topic,
      groupId: options.group ?? `keyward-audit-tail-${randomUUID()}`,
      fromBeginning: options.fromBeginning,
      commitOffsets: options.group !== undefined,
    });
  }
  const { path } = destination;
  return new JsonlAuditRecordSource({
    path,
    fromBeginning: options.fromBeginning,
    onMissing: () =>
      warn(
        `${path} does not exist yet: no KAFKA_BROKERS is set, and the server writes this file once its embedded audit relay runs. Waiting for it (Ctrl-C stops).`,
      ),
  });
}
