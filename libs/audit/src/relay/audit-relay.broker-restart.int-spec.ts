import { randomUUID } from 'node:crypto';
import { readAuditTopic } from '../testing/audit-topic-reader';
import { startKafkaRelay, tally, useFaultRig } from '../testing/kafka-relay-fixture';
import { appendSampleEvents } from '../testing/sample-events';
import { waitFor } from '../testing/wait-for';

// Fault: the broker goes away while events stream in, and comes back on the same ports and data.
jest.setTimeout(180_000);

describe('AuditRelay when the broker restarts mid-stream', () => {
  const rig = useFaultRig();

  it.each([
    ['a graceful restart', () => rig.broker.restart()],
    ['a SIGKILL and a restart', async () => (await rig.broker.kill(), await rig.broker.restart())],
  ])('loses no event through %s', async (_fault, fault) => {
    const topic = `audit-restart-${randomUUID()}`;
    const started = startKafkaRelay(rig.temp.store, rig.broker.brokers, topic);
    rig.relay = started.relay;
    const writing = writeSteadily(4000);

    await waitFor(() => rig.relay!.metrics.recordsPublished >= 500, 60_000, '500 records published');
    const publishedBeforeFault = rig.relay.metrics.recordsPublished;
    await fault();
    const appended = await writing;
    await rig.relay.waitUntilProcessed(undefined, 60_000);

    const { ids, total, duplicates } = tally(await readAuditTopic(rig.broker.brokers, topic));
    expect(ids).toEqual(new Set(appended));
    expect(total).toBe(appended.length + duplicates);
    // The fault landed mid-stream (kafkajs may ride out a short outage on its own retries, so the
    // relay's failure count alone would not show it).
    expect(publishedBeforeFault).toBeLessThan(appended.length / 2);
  });

  /** Appends `count` events in small groups over a few seconds, so the fault lands mid-stream. */
  async function writeSteadily(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count / 50; i++) {
      ids.push(...(await appendSampleEvents(rig.temp.store, 50, { perAppend: 50 })));
      await new Promise((resume) => setTimeout(resume, 40));
    }
    return ids;
  }
});
