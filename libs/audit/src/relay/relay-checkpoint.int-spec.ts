import type { RecordedEvent } from '@keyward/event-store';
import { MemoryAuditSink } from '../testing/memory-audit-sink';
import { appendSampleEvents } from '../testing/sample-events';
import { openTempEventStore } from '../testing/temp-event-store';
import { waitFor } from '../testing/wait-for';
import { AuditRelay } from './audit-relay';
import type { RelayLogger } from './relay-logger';
import { RelayCheckpoint, checkpointStream } from './relay-checkpoint';

// Only the newest checkpoint matters: each one truncates the stream before itself, so the stream
// stays bounded however long the relay runs, and a restart still resumes from the newest.
describe('RelayCheckpoint truncation', () => {
  let temp: ReturnType<typeof openTempEventStore>;
  const stream = checkpointStream('audit-relay');
  const rowsOf = async (): Promise<RecordedEvent[]> => (await temp.store.readAll()).filter((event) => event.streamName === stream);

  beforeEach(() => (temp = openTempEventStore()));
  afterEach(() => temp.dispose());

  it('keeps a bounded number of events over many checkpoints, and a restart resumes from the newest', async () => {
    const checkpoint = new RelayCheckpoint({ store: temp.store, processor: 'audit-relay' });
    expect(await checkpoint.load()).toBeUndefined();
    for (let position = 1n; position <= 300n; position++) {
      await checkpoint.save(position);
      // At most one truncation in flight: on the embedded store they keep up, a slower store skips some.
      expect((await rowsOf()).length).toBeLessThanOrEqual(3);
    }
    await checkpoint.settled();
    expect((await rowsOf()).map((event) => event.revision)).toEqual([299]);
    expect(await temp.store.readStream(stream)).toHaveLength(1);

    const restarted = new RelayCheckpoint({ store: temp.store, processor: 'audit-relay' });
    expect(await restarted.load()).toBe(300n);
    await restarted.save(301n); // its expected revision is the last one, truncated stream or not
    await restarted.settled();
    expect((await temp.store.readStream(stream)).map((event) => event.revision)).toEqual([300]);
  });

  it('logs a failed truncation, stores the checkpoint anyway, and truncates at the next one', async () => {
    const warnings: string[] = [];
    const logger: RelayLogger = { info() {}, warn: (_fields, message) => warnings.push(message), error() {} };
    const truncate = jest.spyOn(temp.store, 'truncateStreamBefore').mockRejectedValueOnce(new Error('disk full'));
    const checkpoint = new RelayCheckpoint({ store: temp.store, processor: 'audit-relay', logger });
    for (const position of [1n, 2n, 3n]) await checkpoint.save(position);
    await checkpoint.settled();
    expect(warnings).toEqual([expect.stringContaining('not truncated')]);
    expect(truncate).toHaveBeenCalledTimes(2);
    expect(await checkpoint.load()).toBe(3n);
    await checkpoint.save(4n);
    await checkpoint.settled();
    expect((await rowsOf()).map((event) => event.revision)).toEqual([3]);
  });

  it('a relay checkpointing a steady trickle keeps its stream short, and its successor republishes nothing', async () => {
    // No gathering: every event of the trickle is its own batch, so the relay checkpoints as often as it may.
    const relay = new AuditRelay({
      store: temp.store,
      sink: new MemoryAuditSink(),
      checkpointIntervalMs: 10,
      reportIntervalMs: 0,
      gatherMs: 0,
    });
    relay.start();
    for (let i = 0; i < 30; i++) {
      await appendSampleEvents(temp.store, 1);
      await new Promise((resume) => setTimeout(resume, 15));
    }
    await relay.waitUntilProcessed();
    await relay.stop();
    const [newest] = await temp.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    expect(newest!.revision).toBeGreaterThanOrEqual(10);
    expect((await rowsOf()).length).toBeLessThanOrEqual(2);

    const later = await appendSampleEvents(temp.store, 5);
    const sink = new MemoryAuditSink();
    const successor = new AuditRelay({ store: temp.store, sink, reportIntervalMs: 0 });
    successor.start();
    try {
      await successor.waitUntilProcessed();
      await waitFor(() => sink.records.length >= later.length, 5000, 'the new records');
      expect(sink.records.map((record) => record.id)).toEqual(later);
    } finally {
      await successor.stop();
    }
  });
});
