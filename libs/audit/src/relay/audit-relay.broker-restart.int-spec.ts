import { type KafkaBroker, startKafkaBroker } from '@keyward/testing';
import { randomUUID } from 'node:crypto';
import { readAuditTopic } from '../testing/audit-topic-reader';
import { startKafkaRelay, tally } from '../testing/kafka-relay-fixture';
import { appendSampleEvents } from '../testing/sample-events';
import { openTempEventStore } from '../testing/temp-event-store';
import { waitFor } from '../testing/wait-for';
import type { AuditRelay } from './audit-relay';

// Fault: the broker goes away while events stream in, and comes back on the same ports and data.
jest.setTimeout(180_000);

describe('AuditRelay when the broker restarts mid-stream', () => {
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

  it.each([
    ['a graceful restart', () => broker.restart()],
    ['a SIGKILL and a restart', async () => (await broker.kill(), await broker.restart())],
  ])('loses no event through %s', async (_fault, fault) => {
    const topic = `audit-restart-${randomUUID()}`;
    const started = startKafkaRelay(temp.store, broker.brokers, topic);
    relay = started.relay;
    const writing = writeSteadily(4000);

    await waitFor(() => relay!.metrics.recordsPublished >= 500, 60_000, '500 records published');
    const publishedBeforeFault = relay.metrics.recordsPublished;
    await fault();
    const appended = await writing;
    await relay.waitUntilProcessed(undefined, 60_000);

    const { ids, total, duplicates } = tally(await readAuditTopic(broker.brokers, topic));
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
      ids.push(...(await appendSampleEvents(temp.store, 50, { perAppend: 50 })));
      await new Promise((resume) => setTimeout(resume, 40));
    }
    return ids;
  }
});
