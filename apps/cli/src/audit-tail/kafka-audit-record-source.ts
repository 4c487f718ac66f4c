import { Kafka, type KafkaConfig as KafkajsConfig } from 'kafkajs';
import { aborted } from './abort-signal';
import type { AuditRecordSource } from './audit-record-source';

export interface KafkaAuditRecordSourceOptions {
  readonly client: KafkajsConfig;
  readonly topic: string;
  readonly groupId: string;
  readonly fromBeginning: boolean;
  /** Only a named group resumes later; a throwaway group's offsets would just linger on the brokers. */
  readonly commitOffsets: boolean;
}

/** A kafkajs consumer group on the audit topic. */
export class KafkaAuditRecordSource implements AuditRecordSource {
  readonly description: string;

  constructor(private readonly options: KafkaAuditRecordSourceOptions) {
    this.description = `topic ${options.topic} on ${options.client.brokers} as consumer group ${options.groupId}`;
  }

  async run(onRecord: (json: string) => Promise<void> | void, signal: AbortSignal): Promise<void> {
    const { topic, groupId, fromBeginning, commitOffsets } = this.options;
    const kafka = new Kafka(this.options.client);
    await this.requireTopic(kafka);
    // Subscribing does not create the topic: a typo in AUDIT_TOPIC must not leave a new, empty topic behind.
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const crashed = new Promise<never>((_, fail) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) fail(payload.error);
      });
    });
    crashed.catch(() => undefined);
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning });
      await consumer.run({
        autoCommit: commitOffsets,
        eachMessage: async ({ message }) => {
          if (message.value !== null) await onRecord(message.value.toString('utf8'));
        },
      });
      await Promise.race([aborted(signal), crashed]);
    } finally {
      await consumer.disconnect();
    }
  }

  private async requireTopic(kafka: Kafka): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      if (!topics.includes(this.options.topic)) {
        throw new Error(
          `the audit topic "${this.options.topic}" does not exist on ${this.options.client.brokers} (AUDIT_TOPIC; the relay creates it when it starts)`,
        );
      }
    } finally {
      await admin.disconnect();
    }
  }
}
