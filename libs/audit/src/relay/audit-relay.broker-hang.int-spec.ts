import { type KafkaBroker, startKafkaBroker } from '@keyward/testing';
import { randomUUID } from 'node:crypto';
import { readAuditTopic } from '../testing/audit-topic-reader';
import { startKafkaRelay, tally } from '../testing/kafka-relay-fixture';
import { appendSampleEvents } from '../testing/sample-events';
import { openTempEventStore } from '../testing/temp-event-store';
import { waitFor } from '../testing/wait-for';
import type { AuditRelay } from './audit-relay';

// Fault: the broker hangs (SIGSTOP): connections stay open and nothing answers, as in a partition.
jest.setTimeout(120_000);

describe('AuditRelay when the broker hangs', () => {
  let broker: KafkaBroker;
  let temp: ReturnType<typeof openTempEventStore>;
  let relay: AuditRelay | undefined;

  beforeAll(async () => (broker = await startKafkaBroker()));
  afterAll(() => broker?.stop());
  beforeEach(() => (temp = openTempEventStore()));
  afterEach(async () => {
    await broker.thaw();
    await relay?.stop();
    await temp.dispose();
  });

  it('gives up on the hung send, and publishes everything once the broker answers again', async () => {
    const topic = `audit-hang-${randomUUID()}`;
    relay = startKafkaRelay(temp.store, broker.brokers, topic, {}, { sendTimeoutMs: 1500 }).relay;
    const first = await appendSampleEvents(temp.store, 500);
    await relay.waitUntilProcessed(undefined, 30_000);

    await broker.freeze();
    const during = await appendSampleEvents(temp.store, 500);
    await waitFor(() => relay!.metrics.publishFailures >= 1, 30_000, 'a publish timing out');
    await broker.thaw();
    await relay.waitUntilProcessed(undefined, 60_000);

    const { ids } = tally(await readAuditTopic(broker.brokers, topic));
    expect(ids).toEqual(new Set([...first, ...during]));
  });

  it('stops within its grace periods while a publish hangs', async () => {
    relay = startKafkaRelay(temp.store, broker.brokers, `audit-hang-${randomUUID()}`, { stopGraceMs: 1000 }).relay;
    await appendSampleEvents(temp.store, 10);
    await relay.waitUntilProcessed(undefined, 30_000);
    await broker.freeze();
    await appendSampleEvents(temp.store, 10);
    await new Promise((resume) => setTimeout(resume, 500)); // the publish is in flight now
    const started = Date.now();
    await relay.stop();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
