import { randomUUID } from 'node:crypto';
import { readAuditTopic } from '../testing/audit-topic-reader';
import { startKafkaRelay, tally, useFaultRig } from '../testing/kafka-relay-fixture';
import { SAMPLE_SECRET_DIGEST, appendSampleEvents } from '../testing/sample-events';
import { waitFor } from '../testing/wait-for';

// Fault: Kafka is down when the relay starts. Its own broker, because the test takes it down.
jest.setTimeout(120_000);

describe('AuditRelay when Kafka is down at start', () => {
  const rig = useFaultRig();

  it('keeps retrying, then publishes every event once the broker is back', async () => {
    await rig.broker.kill();
    const before = await appendSampleEvents(rig.temp.store, 1000);
    const topic = `audit-down-${randomUUID()}`;
    const started = startKafkaRelay(rig.temp.store, rig.broker.brokers, topic);
    rig.relay = started.relay;

    const during = await appendSampleEvents(rig.temp.store, 500);
    await waitFor(() => rig.relay!.metrics.publishFailures >= 3);
    expect(rig.relay.metrics.recordsPublished).toBe(0);
    expect(rig.relay.metrics.checkpointPosition).toBeUndefined();

    await rig.broker.restart();
    const after = await appendSampleEvents(rig.temp.store, 500);
    await rig.relay.waitUntilProcessed(undefined, 60_000);

    const read = await readAuditTopic(rig.broker.brokers, topic);
    const { ids, total } = tally(read);
    expect(ids).toEqual(new Set([...before, ...during, ...after]));
    for (const { record } of read) expect(JSON.stringify(record)).not.toContain(SAMPLE_SECRET_DIGEST);
    expect(total).toBeGreaterThanOrEqual(2000);
    expect(started.logger.warnings).toContain('audit relay: could not publish; retrying');
  });
});
