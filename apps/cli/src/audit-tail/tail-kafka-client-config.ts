import { readFileSync } from 'node:fs';
import { type KafkaConfig as KafkajsConfig, type LogEntry, type SASLOptions, logLevel } from 'kafkajs';
import type { KafkaConfig } from '@keyward/config';

/**
 * kafkajs settings for a reader, from the same KAFKA_* settings as the relay (TLS, SASL). kafkajs logs
 * go to stderr, warnings and errors only, so that stdout holds records and nothing else.
 */
export function tailKafkaClientConfig(kafka: KafkaConfig): KafkajsConfig {
  return {
    clientId: `${kafka.clientId}-audit-tail`,
    brokers: [...kafka.brokers],
    ssl: kafka.ssl ? (kafka.sslCaFile ? { ca: [readFileSync(kafka.sslCaFile)] } : true) : false,
    sasl: kafka.sasl && saslOptions(kafka.sasl),
    connectionTimeout: 3000,
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, log }: LogEntry) => process.stderr.write(`kafka ${namespace}: ${log.message}\n`),
  };
}

function saslOptions(sasl: NonNullable<KafkaConfig['sasl']>): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
    default: {
      const unknown: never = sasl.mechanism;
      throw new Error(`unsupported SASL mechanism ${String(unknown)}`);
    }
  }
}
