/**
 * Relay throughput and end-to-end delay against a local broker (KAFKA_BROKERS, or one started here).
 *   node -r @swc-node/register libs/audit/src/bench/audit-relay.bench.ts [backlog=50000] [rate=2000/s] [seconds=10]
 * 1. backlog: events already in the store when the relay starts → records/s to Kafka acknowledgment.
 * 2. live: events appended at a steady rate → delay from append to a consumer's receipt, median and p99.
 */
import { startKafkaBroker } from '@keyward/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { AuditRelay } from '../relay/audit-relay';
import { KafkaAuditSink } from '../sink/kafka/kafka-audit-sink';
import { appendSampleEvents, sampleEvent } from '../testing/sample-events';
import { openTempEventStore } from '../testing/temp-event-store';

async function main(): Promise<void> {
  const [backlog = 50_000, rate = 2000, seconds = 10] = process.argv.slice(2).map(Number);
  const own = process.env.KAFKA_BROKERS ? undefined : await startKafkaBroker();
  const brokers = own?.brokers ?? process.env.KAFKA_BROKERS!.split(',');
  const temp = openTempEventStore();
  const topic = `audit-bench-${randomUUID()}`;
  const relay = new AuditRelay({
    store: temp.store,
    sink: new KafkaAuditSink({ brokers, topic, topicPartitions: 6 }),
    reportIntervalMs: 0,
    maxBatchSize: Number(process.env.MAX_BATCH_SIZE ?? 1000),
  });
  try {
    await appendSampleEvents(temp.store, backlog, { organizations: 16, perAppend: 500 });
    const started = performance.now();
    relay.start();
    await relay.waitUntilProcessed(undefined, 300_000);
    const elapsed = (performance.now() - started) / 1000;
    console.log(
      `backlog: ${backlog} records in ${elapsed.toFixed(2)} s = ${Math.round(backlog / elapsed)} records/s (batches ${relay.metrics.batchesPublished})`,
    );

    const delays = await measureLiveDelay(brokers, topic, temp.store, rate, seconds);
    delays.sort((a, b) => a - b);
    const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!.toFixed(1);
    console.log(
      `live: ${delays.length} records at ${rate}/s, append→consumer delay median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
    );
  } finally {
    await relay.stop();
    await temp.dispose();
    await own?.stop();
  }
}

async function measureLiveDelay(
  brokers: string[],
  topic: string,
  store: ReturnType<typeof openTempEventStore>['store'],
  rate: number,
  seconds: number,
): Promise<number[]> {
  const appendedAt = new Map<string, number>();
  const delays: number[] = [];
  const consumer = new Kafka({ brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 10 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  let probeId: string | undefined;
  let probed!: () => void;
  const live = new Promise<void>((done) => (probed = done));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const id = JSON.parse(message.value!.toString()).id;
      if (id === probeId) probed();
      const sent = appendedAt.get(id);
      if (sent !== undefined) delays.push(performance.now() - sent);
    },
  });
  // The consumer starts at the log's end once its group has joined: probe until one event comes through.
  const probeDeadline = Date.now() + 60_000;
  while (probeId === undefined || !(await Promise.race([live.then(() => true), new Promise((r) => setTimeout(r, 1000, false))]))) {
    if (Date.now() > probeDeadline) throw new Error('the bench consumer never received a probe record');
    [probeId] = await appendSampleEvents(store, 1);
  }
  const perTick = Math.max(1, Math.round(rate / 100));
  const total = rate * seconds;
  for (let sent = 0; sent < total; sent += perTick) {
    const tick = performance.now();
    const organizationId = `org-${(sent / perTick) % 16}`;
    const events = Array.from({ length: perTick }, (_, i) => sampleEvent(organizationId, sent + i));
    // Known before the append: the relay can put a record on the topic before the append's promise resumes us.
    for (const event of events) appendedAt.set(event.id, tick);
    await store.append(`service_account-${organizationId}-${sent}`, events);
    await new Promise((resume) => setTimeout(resume, Math.max(0, 10 - (performance.now() - tick))));
  }
  const deadline = Date.now() + 30_000;
  while (delays.length < total && Date.now() < deadline) await new Promise((resume) => setTimeout(resume, 50));
  await consumer.disconnect();
  return delays;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
