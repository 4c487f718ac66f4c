import { Kafka, Partitioners, type Producer } from 'kafkajs';
import type { AuditRecord } from '../../record/audit-record';
import { type RelayLogger, silentRelayLogger } from '../../relay/relay-logger';
import type { AuditSink } from '../audit-sink.port';
import { DEFAULT_AUDIT_TOPIC, type KafkaAuditSinkConfig } from './kafka-audit-sink.config';
import { kafkaClientConfig } from './kafka-client-config';
import { withTimeout } from '../../support/with-timeout';
import { chunkBySize, toKafkaMessages } from './kafka-messages';

const DISCONNECT_TIMEOUT_MS = 5000;

/** Publishes audit records to one topic, keyed by organization, acknowledged by all in-sync replicas. */
export class KafkaAuditSink implements AuditSink {
  readonly description: string;
  readonly topic: string;
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private readonly sendTimeoutMs: number;

  constructor(
    private readonly config: KafkaAuditSinkConfig,
    private readonly logger: RelayLogger = silentRelayLogger,
  ) {
    this.topic = config.topic ?? DEFAULT_AUDIT_TOPIC;
    this.description = `kafka:${this.topic}@${config.brokers.join(',')}`;
    this.kafka = new Kafka(kafkaClientConfig(config, logger));
    this.sendTimeoutMs = config.sendTimeoutMs ?? 30_000;
  }

  /** Bounded by sendTimeoutMs: a broker that accepts connections but never answers is an outage too. */
  async open(): Promise<void> {
    if (this.producer) return;
    await withTimeout(this.connect(), this.sendTimeoutMs, 'connecting to Kafka');
  }

  private async connect(): Promise<void> {
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
      void quietly(producer.disconnect());
      throw error;
    }
    this.producer = producer;
  }

  async publish(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.open();
    const producer = this.producer as Producer;
    const sendAll = async () => {
      for (const messages of chunkBySize(toKafkaMessages(records))) {
        await producer.send({ topic: this.topic, acks: -1, messages });
      }
    };
    try {
      // kafkajs alone waits out every retry of every request (over a minute against a hung broker).
      await withTimeout(sendAll(), this.sendTimeoutMs, 'publishing to Kafka');
    } catch (error) {
      // A failed send can leave the idempotent sequence numbers out of step with the broker; a new
      // producer (new producer id) starts clean. The relay sends the whole batch again.
      if (this.producer === producer) this.producer = undefined;
      void quietly(producer.disconnect());
      throw error;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await quietly(producer.disconnect());
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

/** Disconnecting from a broker that went away can hang or throw; neither may hold up the relay. */
function quietly(disconnect: Promise<void>): Promise<void> {
  return withTimeout(disconnect, DISCONNECT_TIMEOUT_MS, 'disconnecting from Kafka').catch(() => undefined);
}
