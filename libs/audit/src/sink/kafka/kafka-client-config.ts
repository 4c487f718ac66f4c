import type { KafkaConfig } from 'kafkajs';
import type { RelayLogger } from '../../relay/relay-logger';
import type { KafkaAuditSinkConfig } from './kafka-audit-sink.config';
import { kafkajsLogCreator } from './kafkajs-log-bridge';
import { kafkaSaslOptions } from './kafka-sasl-options';

/** kafkajs client settings from the sink config: TLS, SASL and short retries (the relay retries beyond them). */
export function kafkaClientConfig(config: KafkaAuditSinkConfig, logger: RelayLogger): KafkaConfig {
  return {
    clientId: config.clientId ?? 'keyward-audit-relay',
    brokers: [...config.brokers],
    ssl: config.ssl ? (config.sslCa ? { ca: [config.sslCa] } : true) : false,
    sasl: config.sasl && kafkaSaslOptions(config.sasl),
    connectionTimeout: config.connectionTimeoutMs ?? 3000,
    requestTimeout: config.requestTimeoutMs ?? 10_000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    logCreator: kafkajsLogCreator(logger),
  };
}
