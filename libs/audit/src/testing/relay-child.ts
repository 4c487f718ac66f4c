/**
 * The relay as its own process, for the SIGKILL test. With HANG_AFTER_BATCHES=n it stops right
 * after Kafka acknowledged batch n, before that batch's checkpoint, prints
 * `published <n> <records in batch n>` and waits to be killed.
 */
import { openSqliteEventStore } from '@keyward/event-store';
import type { AuditRecord } from '../record/audit-record';
import { AuditRelay } from '../relay/audit-relay';
import type { AuditSink } from '../sink/audit-sink.port';
import { KafkaAuditSink } from '../sink/kafka/kafka-audit-sink';

const env = process.env;
const store = openSqliteEventStore({ path: env.STORE_PATH!, pollIntervalMs: 20 });
const kafka = new KafkaAuditSink({ brokers: env.KAFKA_BROKERS!.split(','), topic: env.AUDIT_TOPIC!, topicPartitions: 3 });
const hangAfter = Number(env.HANG_AFTER_BATCHES ?? 0);

let batches = 0;
const sink: AuditSink = {
  description: kafka.description,
  open: () => kafka.open(),
  close: () => kafka.close(),
  async publish(records: readonly AuditRecord[]) {
    await kafka.publish(records);
    if (++batches !== hangAfter) return;
    process.stdout.write(`published ${batches} ${records.length}\n`);
    await new Promise(() => undefined); // between publish and checkpoint, until SIGKILL
  },
};

const relay = new AuditRelay({
  store,
  sink,
  maxBatchSize: Number(env.MAX_BATCH_SIZE ?? 100),
  retry: { initialMs: 50, maxMs: 500 },
  reportIntervalMs: 0,
  checkpointIntervalMs: 0,
});
relay.start();
process.stdout.write('started\n');
process.once(
  'SIGTERM',
  () =>
    void relay
      .stop()
      .then(() => store.close())
      .then(() => process.exit(0)),
);
// Never outlive the test that started us.
setTimeout(() => process.exit(3), Number(env.CHILD_MAX_LIFETIME_MS ?? 120_000)).unref();
