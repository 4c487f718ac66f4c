import { readFileSync } from 'node:fs';
import { type KafkaConfig as KafkajsConfig, type LogEntry, logLevel } from 'kafkajs';
import type { KafkaConfig } from '@keyward/config';
import { kafkaSaslOptions } from '@keyward/audit';

/**
 * kafkajs settings for a reader, from the same KAFKA_* settings as the relay (TLS, SASL). kafkajs logs
 * go to stderr, warnings and errors only, so that stdout holds records and nothing else.
 */
export function tailKafkaClientConfig(kafka: KafkaConfig): KafkajsConfig {
  return {
    clientId: `${kafka.clientId}-audit-tail`,
    brokers: [...kafka.brokers],
    ssl: kafka.ssl ? (kafka.sslCaFile ? { ca: [readFileSync(kafka.sslCaFile)] } : true) : false,
    sasl: kafka.sasl && kafkaSaslOptions(kafka.sasl),
    connectionTimeout: 3000,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, log }: LogEntry) =>
        process.stderr.write(`kafka ${namespace}: ${log.message}\n`),
  };
}
