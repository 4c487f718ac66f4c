import { randomUUID } from 'node:crypto';
import { readAuditTopic } from '../testing/audit-topic-reader';
import { startKafkaRelay, tally, useFaultRig } from '../testing/kafka-relay-fixture';
import { appendSampleEvents } from '../testing/sample-events';
import { waitFor } from '../testing/wait-for';

// Fault: the broker hangs (SIGSTOP): connections stay open and nothing answers, as in a partition.
jest.setTimeout(120_000);

describe('AuditRelay when the broker hangs', () => {
  const rig = useFaultRig({ beforeCleanup: (r) => r.broker.thaw() });

  it('gives up on the hung send, and publishes everything once the broker answers again', async () => {
    const topic = `audit-hang-${randomUUID()}`;
    rig.relay = startKafkaRelay(rig.temp.store, rig.broker.brokers, topic, {}, { sendTimeoutMs: 1500 }).relay;
    const first = await appendSampleEvents(rig.temp.store, 500);
    await rig.relay.waitUntilProcessed(undefined, 30_000);

    await rig.broker.freeze();
    const during = await appendSampleEvents(rig.temp.store, 500);
    await waitFor(() => rig.relay!.metrics.publishFailures >= 1, 30_000, 'a publish timing out');
    await rig.broker.thaw();
    await rig.relay.waitUntilProcessed(undefined, 60_000);

    const { ids } = tally(await readAuditTopic(rig.broker.brokers, topic));
    expect(ids).toEqual(new Set([...first, ...during]));
  });

  it('stops within its grace periods while a publish hangs', async () => {
    rig.relay = startKafkaRelay(rig.temp.store, rig.broker.brokers, `audit-hang-${randomUUID()}`, { stopGraceMs: 1000 }).relay;
    await appendSampleEvents(rig.temp.store, 10);
    await rig.relay.waitUntilProcessed(undefined, 30_000);
    await rig.broker.freeze();
    await appendSampleEvents(rig.temp.store, 10);
    await new Promise((resume) => setTimeout(resume, 500)); // the publish is in flight now
    const started = Date.now();
    await rig.relay.stop();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
