import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { AuditRecord } from '../record/audit-record';

export interface TopicRecord {
  readonly key: string | undefined;
  readonly partition: number;
  readonly headers: Record<string, string>;
  readonly record: AuditRecord;
}

/**
 * Everything on the topic right now, duplicates included: reads every partition from offset 0 up to
 * the high watermark taken at the start, with a fresh consumer group. Bounded by `timeoutMs`.
 */
export async function readAuditTopic(brokers: string[], topic: string, timeoutMs = 30_000): Promise<TopicRecord[]> {
  const kafka = new Kafka({ clientId: 'audit-topic-reader', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(offsets.filter((p) => BigInt(p.high) > 0n).map((p) => [p.partition, BigInt(p.high)]));
  const read: TopicRecord[] = [];
  if (remaining.size === 0) return read;

  const consumer = kafka.consumer({ groupId: `audit-topic-reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`read ${read.length} records of ${topic} in ${timeoutMs} ms; partitions left: ${[...remaining.keys()]}`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const high = remaining.get(partition);
          if (high === undefined || BigInt(message.offset) >= high) return;
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
          read.push({ key: message.key?.toString(), partition, headers, record: JSON.parse(message.value!.toString()) as AuditRecord });
          if (BigInt(message.offset) + 1n >= high) remaining.delete(partition);
          if (remaining.size === 0) done(clearTimeout(timer));
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return read;
}
