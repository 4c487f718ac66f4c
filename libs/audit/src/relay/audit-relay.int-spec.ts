import { replayClaimStream } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { appendSampleEvents } from '../testing/sample-events';
import { MemoryAuditSink } from '../testing/memory-audit-sink';
import { openTempEventStore } from '../testing/temp-event-store';
import { waitFor } from '../testing/wait-for';
import { AuditRelay } from './audit-relay';
import type { AuditRelayOptions } from './audit-relay.options';
import { checkpointStream } from './relay-checkpoint';

// The relay's own logic on the embedded store, with an in-memory sink; Kafka faults are in the
// audit-relay.*.int-spec files next to this one.
describe('AuditRelay on the embedded store', () => {
  let temp: ReturnType<typeof openTempEventStore>;
  const relays: AuditRelay[] = [];
  const relayOn = (sink: MemoryAuditSink, options: Partial<AuditRelayOptions> = {}) => {
    const relay = new AuditRelay({ store: temp.store, sink, retry: { initialMs: 5, maxMs: 20 }, reportIntervalMs: 0, ...options });
    relays.push(relay);
    relay.start();
    return relay;
  };

  beforeEach(() => (temp = openTempEventStore()));
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await temp.dispose();
  });

  it('relays every event once, in store order, and checkpoints past the last one', async () => {
    const ids = await appendSampleEvents(temp.store, 1200);
    const sink = new MemoryAuditSink();
    const relay = relayOn(sink, { maxBatchSize: 100 });
    await relay.waitUntilProcessed();
    expect(sink.records.map((record) => record.id)).toEqual(ids);
    expect(sink.publishes).toBeGreaterThanOrEqual(12);
    await waitFor(
      () => relay.metrics.checkpointPosition !== undefined && relay.metrics.checkpointPosition >= relay.metrics.processedPosition! - 1n,
    );
    const [checkpoint] = await temp.store.readStream(checkpointStream('audit-relay'), { direction: 'backwards', maxCount: 1 });
    const lastRelayed = (await temp.store.readAll()).filter((event) => !event.streamName.startsWith('checkpoint_')).pop()!;
    // At or past the last relayed event: a batch may end on an earlier checkpoint's own event.
    const stored = BigInt((checkpoint!.data as { position: string }).position);
    expect(stored).toBeGreaterThanOrEqual(lastRelayed.position);
    expect(relay.metrics).toMatchObject({ state: 'running', recordsPublished: 1200, checkpointPosition: stored });
  });

  it('checkpoints a steady trickle at most once per interval, and at once when idle', async () => {
    const relay = relayOn(new MemoryAuditSink(), { checkpointIntervalMs: 300 });
    for (let i = 0; i < 20; i++) {
      await appendSampleEvents(temp.store, 1);
      await new Promise((resume) => setTimeout(resume, 30));
    }
    await relay.waitUntilProcessed();
    const lastRelayed = (await temp.store.readAll()).filter((event) => !event.streamName.startsWith('checkpoint_')).pop()!;
    await waitFor(() => (relay.metrics.checkpointPosition ?? 0n) >= lastRelayed.position, 2000, 'idle checkpoint');
    // The stream is truncated behind each checkpoint: the last revision counts them.
    const [last] = await temp.store.readStream(checkpointStream('audit-relay'), { direction: 'backwards', maxCount: 1 });
    const checkpoints = last!.revision + 1;
    expect(checkpoints).toBeGreaterThanOrEqual(2);
    expect(checkpoints).toBeLessThanOrEqual(5); // ~0.6 s of writes, 20 batches
  });

  it('stores its last checkpoint when stopped', async () => {
    await appendSampleEvents(temp.store, 10);
    const relay = relayOn(new MemoryAuditSink(), { checkpointIntervalMs: 60_000 });
    await relay.waitUntilProcessed();
    await appendSampleEvents(temp.store, 10);
    await relay.waitUntilProcessed();
    await relay.stop();
    const [last] = await temp.store.readStream(checkpointStream('audit-relay'), { direction: 'backwards', maxCount: 1 });
    expect(BigInt((last!.data as { position: string }).position)).toBe(relay.metrics.processedPosition);
  });

  it('never relays checkpoint streams, its own or another processor’s', async () => {
    await temp.store.append('checkpoint_projections', [{ id: 'c1', type: 'CheckpointStored', data: { position: '1' }, metadata: {} }]);
    const ids = await appendSampleEvents(temp.store, 10);
    const sink = new MemoryAuditSink();
    const relay = relayOn(sink);
    await relay.waitUntilProcessed();
    expect(sink.records.map((record) => record.id)).toEqual(ids);
  });

  it('never relays jti claims (bookkeeping of replay protection; a refused replay is its TokenRequestRefused)', async () => {
    await temp.store.append(replayClaimStream('org-1', 'dpop', 0), [
      { id: crypto.randomUUID(), type: 'JtiClaimed', data: { claim: 'AAAA', until: 1, claimedAt: 0 }, metadata: {} },
    ]);
    const ids = await appendSampleEvents(temp.store, 3);
    const sink = new MemoryAuditSink();
    const relay = relayOn(sink);
    await relay.waitUntilProcessed();
    expect(sink.records.map((record) => record.id)).toEqual(ids);
  });

  it('keeps relaying events appended after it caught up, and reports no lag then', async () => {
    const sink = new MemoryAuditSink();
    const relay = relayOn(sink);
    const first = await appendSampleEvents(temp.store, 20);
    await relay.waitUntilProcessed();
    const second = await appendSampleEvents(temp.store, 30);
    await relay.waitUntilProcessed();
    expect(sink.records.map((record) => record.id)).toEqual([...first, ...second]);
    await relay.waitUntilProcessed(); // the checkpoint appended for the last batch is the head now
    const metrics = await relay.measureLag();
    expect(metrics).toMatchObject({ lagEvents: 0, lagMs: 0, recordsPublished: 50 });
    expect(metrics.recordsPerSecond).toBeGreaterThan(0);
  });

  it('counts the events behind the head as lag', async () => {
    await appendSampleEvents(temp.store, 40);
    const relay = new AuditRelay({ store: temp.store, sink: new MemoryAuditSink(), reportIntervalMs: 0, lagCountLimit: 25 });
    expect(await relay.measureLag()).toMatchObject({ lagEvents: 25, lagCapped: true });
  });

  it('retries a sink that fails, then publishes the batch', async () => {
    const ids = await appendSampleEvents(temp.store, 30);
    const sink = new MemoryAuditSink();
    sink.failNext(4);
    const relay = relayOn(sink);
    await relay.waitUntilProcessed();
    expect(sink.records.map((record) => record.id)).toEqual(ids);
    expect(relay.metrics.publishFailures).toBe(4);
  });

  it('resumes after its checkpoint', async () => {
    await appendSampleEvents(temp.store, 100);
    const before = relayOn(new MemoryAuditSink());
    await before.waitUntilProcessed();
    await before.stop();
    const later = await appendSampleEvents(temp.store, 50);
    const sink = new MemoryAuditSink();
    await relayOn(sink).waitUntilProcessed();
    expect(sink.records.map((record) => record.id)).toEqual(later);
  });

  it('publishes a stand-in record when the mapping throws, so no id goes missing', async () => {
    const [id] = await appendSampleEvents(temp.store, 1);
    const sink = new MemoryAuditSink();
    const mapping = (event: RecordedEvent) => {
      throw new Error(`no mapping for ${event.type}`);
    };
    await relayOn(sink, { mapping }).waitUntilProcessed();
    expect(sink.records).toEqual([
      expect.objectContaining({
        id,
        type: 'keyward.event.unmapped.v1',
        data: { details: { eventType: 'ServiceAccountCreated', stream: expect.any(String) } },
      }),
    ]);
  });

  it('stops the second of two relays sharing a checkpoint', async () => {
    const fatal = jest.fn();
    const [one, two] = [new MemoryAuditSink(), new MemoryAuditSink()];
    relayOn(one, { onFatal: fatal });
    relayOn(two, { onFatal: fatal });
    const ids = await appendSampleEvents(temp.store, 10, { perAppend: 10 });
    await waitFor(() => fatal.mock.calls.length === 1);
    expect(fatal).toHaveBeenCalledWith(expect.objectContaining({ name: 'RelayFenced' }));
    const survivor = relays.find((relay) => relay.metrics.state === 'running')!;
    await survivor.waitUntilProcessed();
    expect(relays.map((relay) => relay.metrics.state).sort()).toEqual(['failed', 'running']);
    expect([...one.records, ...two.records].map((record) => record.id)).toEqual(expect.arrayContaining(ids));
  });
});
