import { kafkaBrokersForTests } from '@keyward/testing';
import { randomUUID } from 'node:crypto';
import { readAuditTopic } from '../testing/audit-topic-reader';
import { startKafkaRelay, tally } from '../testing/kafka-relay-fixture';
import { RelayChildProcess } from '../testing/relay-child-process';
import { appendSampleEvents } from '../testing/sample-events';
import { openTempEventStore } from '../testing/temp-event-store';
import { checkpointStream } from './relay-checkpoint';
import { verifyAuditChains } from '../chain/audit-chain-verifier';

// Fault: the relay process is SIGKILLed after Kafka acknowledged a batch and before its checkpoint.
jest.setTimeout(180_000);

describe('AuditRelay killed between publish and checkpoint', () => {
  let kafka: Awaited<ReturnType<typeof kafkaBrokersForTests>>;
  let temp: ReturnType<typeof openTempEventStore>;
  let child: RelayChildProcess | undefined;

  beforeAll(async () => (kafka = await kafkaBrokersForTests()));
  afterAll(() => kafka?.release());
  beforeEach(() => (temp = openTempEventStore()));
  afterEach(async () => {
    await child?.kill();
    await temp.dispose();
  });

  it('republishes from the checkpoint on restart: every event on the topic, the unsaved batch twice', async () => {
    const appended = await appendSampleEvents(temp.store, 2000, { organizations: 7 });
    const topic = `audit-sigkill-${randomUUID()}`;
    child = new RelayChildProcess({
      STORE_PATH: temp.path,
      KAFKA_BROKERS: kafka.brokers.join(','),
      AUDIT_TOPIC: topic,
      HANG_AFTER_BATCHES: '4',
      MAX_BATCH_SIZE: '100',
    });
    const [, , inFlight] = await child.waitForLine(/^published (\d+) (\d+)$/);
    expect(await child.kill('SIGKILL')).toBe('SIGKILL');

    const onTopicAtCrash = tally(await readAuditTopic(kafka.brokers, topic));
    // Truncated behind each checkpoint: the newest one's revision counts them.
    const [newest] = await temp.store.readStream(checkpointStream('audit-relay'), { direction: 'backwards', maxCount: 1 });
    expect(newest!.revision).toBe(2); // batches 1-3 checkpointed, batch 4 published but not
    const saved = BigInt((newest!.data as { position: string }).position);
    const relayedAtCheckpoint = (await temp.store.readAll()).filter((e) => e.position <= saved && !e.streamName.startsWith('checkpoint_'));
    expect(onTopicAtCrash.total).toBe(relayedAtCheckpoint.length + Number(inFlight));

    const { relay } = startKafkaRelay(temp.store, kafka.brokers, topic);
    try {
      await relay.waitUntilProcessed(undefined, 60_000);
    } finally {
      await relay.stop();
    }
    const read = await readAuditTopic(kafka.brokers, topic);
    const { ids, total, duplicates } = tally(read);
    expect(ids).toEqual(new Set(appended));
    expect(duplicates).toBe(Number(inFlight));
    expect(total).toBe(appended.length + Number(inFlight));
    // The restarted relay linked the republished batch from the heads stored with the checkpoint: the
    // same chainseq and chainhash as before the crash, so the chain holds duplicates, never a fork.
    const chains = await verifyAuditChains(
      read.map((r) => JSON.stringify(r.record)),
      () => Promise.reject(new Error('no checkpoints expected')),
    );
    expect(chains).toMatchObject({ intact: true, problems: [], duplicates: Number(inFlight) });
    expect(chains.chains.map((chain) => chain.firstSeq)).toEqual(chains.chains.map(() => 1));
    expect(chains.chains.reduce((sum, chain) => sum + chain.lastSeq, 0)).toBe(appended.length);
  });
});
