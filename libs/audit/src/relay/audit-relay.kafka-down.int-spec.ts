import { type KafkaBroker, startKafkaBroker } from '@keyward/testing';
import { randomUUID } from 'node:crypto';
import { readAuditTopic } from '../testing/audit-topic-reader';
import { startKafkaRelay, tally } from '../testing/kafka-relay-fixture';
import { SAMPLE_SECRET_DIGEST, appendSampleEvents } from '../testing/sample-events';
import { waitFor } from '../testing/wait-for';
import { openTempEventStore } from '../testing/temp-event-store';
import type { AuditRelay } from './audit-relay';

// Fault: Kafka is down when the relay starts. Its own broker, because the test takes it down.
jest.setTimeout(120_000);

describe('AuditRelay when Kafka is down at start', () => {
  let broker: KafkaBroker;
  let temp: ReturnType<typeof openTempEventStore>;
  let relay: AuditRelay | undefined;

  beforeAll(async () => (broker = await startKafkaBroker()));
  afterAll(() => broker?.stop());
  beforeEach(() => (temp = openTempEventStore()));
  afterEach(async () => {
    await relay?.stop();
    await temp.dispose();
  });

  it('keeps retrying, then publishes every event once the broker is back', async () => {
    await broker.kill();
    const before = await appendSampleEvents(temp.store, 1000);
    const topic = `audit-down-${randomUUID()}`;
    const started = startKafkaRelay(temp.store, broker.brokers, topic);
    relay = started.relay;

    const during = await appendSampleEvents(temp.store, 500);
    await waitFor(() => relay!.metrics.publishFailures >= 3);
    expect(relay.metrics.recordsPublished).toBe(0);
    expect(relay.metrics.checkpointPosition).toBeUndefined();

    await broker.restart();
    const after = await appendSampleEvents(temp.store, 500);
    await relay.waitUntilProcessed(undefined, 60_000);

    const read = await readAuditTopic(broker.brokers, topic);
    const { ids, total } = tally(read);
    expect(ids).toEqual(new Set([...before, ...during, ...after]));
    for (const { record } of read) expect(JSON.stringify(record)).not.toContain(SAMPLE_SECRET_DIGEST);
    expect(total).toBeGreaterThanOrEqual(2000);
    expect(started.logger.warnings).toContain('audit relay: could not publish; retrying');
  });
});
