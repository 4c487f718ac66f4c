import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Kafka, type KafkaConfig } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** Every line of an audit.jsonl file, in order. */
export async function* fileLines(path: string): AsyncGenerator<string> {
  yield* createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
}

/**
 * Every record on the topic now: each partition from its oldest kept offset to the high watermark taken
 * at the start, in partition order (one organization's records sit in one partition, in order).
 */
export async function topicLines(client: KafkaConfig, topic: string, timeoutMs = 120_000): Promise<string[]> {
  const kafka = new Kafka(client);
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
  const lines: string[] = [];
  if (remaining.size === 0) return lines;
  const consumer = kafka.consumer({ groupId: `keyward-audit-verify-${randomUUID()}`, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(
        () =>
          fail(
            new Error(
              `read ${lines.length} records of ${topic} in ${timeoutMs} ms; partitions not read to the end: ${[...remaining.keys()]}`,
            ),
          ),
        timeoutMs,
      );
      void consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const high = remaining.get(partition);
            if (high === undefined || BigInt(message.offset) >= high) return;
            if (message.value !== null) lines.push(message.value.toString('utf8'));
            if (BigInt(message.offset) + 1n >= high) remaining.delete(partition);
            if (remaining.size === 0) done(clearTimeout(timer));
          },
        })
        .catch(fail);
    });
  } finally {
    await consumer.disconnect();
  }
  return lines;
}
