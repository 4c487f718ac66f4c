import { Kafka, logLevel } from 'kafkajs';
import { existsSync } from 'node:fs';
import { startKafkaBroker, type KafkaBroker } from './kafka-broker';

// Proves the harness gives a broker kafkajs 2.2.4 can use (Kafka 4.x dropped old protocol
// versions in KIP-896), and that restart and kill keep what was written.
jest.setTimeout(120_000);

describe('startKafkaBroker', () => {
  let broker: KafkaBroker;
  let kafka: Kafka;

  beforeAll(async () => {
    broker = await startKafkaBroker();
    kafka = new Kafka({ clientId: 'harness-smoke', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'smoke', numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
  });

  afterAll(() => broker?.stop());

  it('serves an idempotent producer and a consumer group', async () => {
    await produce(kafka, ['k1', 'k2']);
    expect(await consume(kafka, 'g-produce', 2)).toEqual(['k1=v', 'k2=v']);
  });

  it('keeps records across a graceful restart and a SIGKILL', async () => {
    await broker.restart();
    await produce(kafka, ['k3']);
    await broker.kill();
    await broker.restart();
    expect(await consume(kafka, 'g-restart', 3)).toEqual(['k1=v', 'k2=v', 'k3=v']);
  });

  it('deletes its data when stopped', async () => {
    const other = await startKafkaBroker();
    expect(other.brokers[0]).not.toEqual(broker.brokers[0]);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
  });
});

// The broker Jest's global setup (or CI) hands to every worker; absent only in a run without it.
const withRunBroker = process.env.KAFKA_BROKERS ? describe : describe.skip;
withRunBroker('the broker of the run (KAFKA_BROKERS)', () => {
  it('answers metadata requests', async () => {
    const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');
    const admin = new Kafka({ clientId: 'harness-smoke', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers.map((b) => `${b.host}:${b.port}`)).toEqual(brokers);
  });
});

async function produce(kafka: Kafka, keys: string[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({ topic: 'smoke', acks: -1, messages: keys.map((key) => ({ key, value: 'v' })) });
  await producer.disconnect();
}

async function consume(kafka: Kafka, groupId: string, count: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: 'smoke', fromBeginning: true });
  try {
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`consumed ${seen.length} of ${count} records in 30 s`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(`${message.key?.toString()}=${message.value?.toString()}`);
          if (seen.length === count) done(clearTimeout(timer));
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen.sort();
}
