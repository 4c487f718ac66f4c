import { kafkaBrokersForTests } from '@keyward/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { AuditRecord } from '../../record/audit-record';
import { readAuditTopic } from '../../testing/audit-topic-reader';
import { KafkaAuditSink } from './kafka-audit-sink';

jest.setTimeout(60_000);

const record = (organizationId: string, n: number): AuditRecord => ({
  specversion: '1.0',
  id: randomUUID(),
  source: `/organizations/${organizationId}`,
  type: 'keyward.service_account.created.v1',
  time: new Date(0).toISOString(),
  datacontenttype: 'application/json',
  partitionkey: organizationId,
  data: { organizationId, name: `bot ${n}` },
});

describe('KafkaAuditSink on a real broker', () => {
  let kafka: Awaited<ReturnType<typeof kafkaBrokersForTests>>;
  beforeAll(async () => (kafka = await kafkaBrokersForTests()));
  afterAll(() => kafka?.release());

  it('creates the topic with the configured partitions and keeps an organization on one partition', async () => {
    const topic = `audit-sink-${randomUUID()}`;
    const sink = new KafkaAuditSink({ brokers: kafka.brokers, topic, topicPartitions: 4 });
    const sent = Array.from({ length: 40 }, (_, n) => record(`org-${n % 5}`, n));
    await sink.publish(sent.slice(0, 20));
    await sink.publish(sent.slice(20));
    await sink.close();

    const admin = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).finally(() => admin.disconnect());
    expect(metadata.topics[0]!.partitions).toHaveLength(4);

    const read = await readAuditTopic(kafka.brokers, topic);
    expect(read.map((r) => r.record).sort(byId)).toEqual([...sent].sort(byId));
    for (const { key, record: got, headers } of read) {
      expect(key).toBe(got.partitionkey);
      expect(headers['content-type']).toBe('application/cloudevents+json; charset=UTF-8');
    }
    const partitionsByOrg = new Map<string, Set<number>>();
    for (const r of read) partitionsByOrg.set(r.key!, (partitionsByOrg.get(r.key!) ?? new Set()).add(r.partition));
    for (const partitions of partitionsByOrg.values()) expect(partitions.size).toBe(1);
    // Within one partition the records keep the order they were published in.
    const org0 = read.filter((r) => r.key === 'org-0').map((r) => r.record.id);
    expect(org0).toEqual(sent.filter((r) => r.partitionkey === 'org-0').map((r) => r.id));
  });

  it('splits a batch larger than the broker takes in one record batch, keeping its order', async () => {
    const topic = `audit-sink-${randomUUID()}`;
    const sink = new KafkaAuditSink({ brokers: kafka.brokers, topic, topicPartitions: 2 });
    // One key, so one partition: ~2.5 MB, over the broker's 1 MiB message.max.bytes.
    const sent = Array.from({ length: 2500 }, (_, n) => ({
      ...record('org-big', n),
      data: { organizationId: 'org-big', name: 'x'.repeat(900) },
    }));
    await sink.publish(sent);
    await sink.close();
    expect((await readAuditTopic(kafka.brokers, topic)).map((r) => r.record.id)).toEqual(sent.map((r) => r.id));
  });

  it('opens on a topic that already exists', async () => {
    const topic = `audit-sink-${randomUUID()}`;
    const first = new KafkaAuditSink({ brokers: kafka.brokers, topic });
    await first.open();
    await first.close();
    const second = new KafkaAuditSink({ brokers: kafka.brokers, topic });
    await second.publish([record('org-a', 1)]);
    await second.close();
    expect(await readAuditTopic(kafka.brokers, topic)).toHaveLength(1);
  });

  it('fails to open when no broker answers, for the relay to retry', async () => {
    const sink = new KafkaAuditSink({ brokers: ['127.0.0.1:1'], topic: 'never', connectionTimeoutMs: 200 });
    await expect(sink.open()).rejects.toThrow();
  });
});

const byId = (a: AuditRecord, b: AuditRecord) => a.id.localeCompare(b.id);
