import { Kafka, Partitioners, type Producer } from 'kafkajs';
import type { AuditRecord } from '../../record/audit-record';
import { type RelayLogger, silentRelayLogger } from '../../relay/relay-logger';
import type { AuditSink } from '../audit-sink.port';
import { DEFAULT_AUDIT_TOPIC, type KafkaAuditSinkConfig } from './kafka-audit-sink.config';
import { kafkaClientConfig } from './kafka-client-config';
import { chunkBySize, toKafkaMessage } from './kafka-messages';

/** Publishes audit records to one topic, keyed by organization, acknowledged by all in-sync replicas. */
export class KafkaAuditSink implements AuditSink {
  readonly description: string;
  readonly topic: string;
  private readonly kafka: Kafka;
  private producer: Producer | undefined;

  constructor(
    private readonly config: KafkaAuditSinkConfig,
    private readonly logger: RelayLogger = silentRelayLogger,
  ) {
    this.topic = config.topic ?? DEFAULT_AUDIT_TOPIC;
    this.description = `kafka:${this.topic}@${config.brokers.join(',')}`;
    this.kafka = new Kafka(kafkaClientConfig(config, logger));
  }

  async open(): Promise<void> {
    if (this.producer) return;
    await this.ensureTopic();
    // Idempotent: a retried request is not written twice within one producer session. acks -1 and
    // one request in flight per connection are what kafkajs needs to keep that promise.
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner, // murmur2, as the Java client: same key, same partition
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
  }

  async publish(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.open();
    const producer = this.producer as Producer;
    try {
      for (const messages of chunkBySize(records.map(toKafkaMessage))) {
        await producer.send({ topic: this.topic, acks: -1, messages });
      }
    } catch (error) {
      // A failed send can leave the idempotent sequence numbers out of step with the broker; a new
      // producer (new producer id) starts clean. The relay sends the whole batch again.
      this.producer = undefined;
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect();
  }

  private async ensureTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const created = await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: this.topic,
            numPartitions: this.config.topicPartitions ?? 6,
            replicationFactor: this.config.topicReplicationFactor ?? -1,
          },
        ],
      });
      if (created) this.logger.info({ topic: this.topic, partitions: this.config.topicPartitions ?? 6 }, 'audit topic created');
    } finally {
      await admin.disconnect();
    }
  }
}
