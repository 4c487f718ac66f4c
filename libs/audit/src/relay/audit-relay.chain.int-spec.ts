import { randomUUID } from 'node:crypto';
import { compactVerify, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { kafkaBrokersForTests } from '@keyward/testing';
import { chainHashOf, type ChainedAuditRecord } from '../chain/audit-chain';
import { verifyAuditChains, type CheckpointJwsVerifier } from '../chain/audit-chain-verifier';
import type { StoredChainHead } from '../chain/audit-chains';
import {
  CHAIN_CHECKPOINT_JWS_TYPE,
  CHAIN_CHECKPOINT_TYPE,
  type AuditCheckpointSigner,
  type ChainCheckpointClaims,
} from '../chain/chain-checkpoint-record';
import { readAuditTopic } from '../testing/audit-topic-reader';
import { startKafkaRelay } from '../testing/kafka-relay-fixture';
import { MemoryAuditSink } from '../testing/memory-audit-sink';
import { appendSampleEvents } from '../testing/sample-events';
import { openTempEventStore } from '../testing/temp-event-store';
import { AuditRelay } from './audit-relay';
import { RelayCheckpoint } from './relay-checkpoint';

jest.setTimeout(120_000);

/** The hash chain across relay restarts and failed publishes, with signed checkpoints checked against a JWKS. */
describe('AuditRelay hash chains', () => {
  let temp: ReturnType<typeof openTempEventStore>;
  let signer: AuditCheckpointSigner;
  let verifyJws: CheckpointJwsVerifier;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    signer = {
      sign: (claims: ChainCheckpointClaims) =>
        new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: CHAIN_CHECKPOINT_JWS_TYPE })
          .sign(privateKey as CryptoKey),
    };
    const jwks = createLocalJWKSet({ keys: [{ ...((await exportJWK(publicKey)) as JWK), kid: 'k1', alg: 'ES256' }] });
    verifyJws = async (jws) => JSON.parse(new TextDecoder().decode((await compactVerify(jws, jwks)).payload)) as ChainCheckpointClaims;
  });
  beforeEach(() => (temp = openTempEventStore()));
  afterEach(() => temp.dispose());

  it('links nothing twice when a publish fails and is retried', async () => {
    await appendSampleEvents(temp.store, 400, { organizations: 3 });
    const sink = new MemoryAuditSink();
    sink.failNext(3);
    const relay = new AuditRelay({
      store: temp.store,
      sink,
      maxBatchSize: 50,
      retry: { initialMs: 5, maxMs: 20 },
      reportIntervalMs: 0,
      chainCheckpoints: { signer, everyRecords: 40 },
    });
    relay.start();
    await relay.waitUntilProcessed();
    await relay.stop();
    const result = await verifyAuditChains(
      sink.records.map((r) => JSON.stringify(r)),
      verifyJws,
    );
    expect(result).toMatchObject({ intact: true, duplicates: 0 });
    expect(result.chains.reduce((sum, chain) => sum + chain.lastSeq, 0)).toBe(400);
    // Every 40 records of a chain, or sooner when its time is up: never fewer than that.
    for (const chain of result.chains) expect(chain.checkpointsVerified).toBeGreaterThanOrEqual(Math.floor(chain.lastSeq / 40));
  });

  it('continues 10,000 stored chains from their heads, and signs a quiet one once its time is up', async () => {
    const stored: Record<string, StoredChainHead> = {};
    for (let i = 0; i < 10_000; i++) stored[`org-${i}`] = { seq: 5, hash: chainHashOf({ i }), signedSeq: 5 };
    stored['org-9999'] = { ...stored['org-9999']!, signedSeq: 2 };
    await appendSampleEvents(temp.store, 1, { organizations: 1 });
    await new RelayCheckpoint({ store: temp.store, processor: 'audit-relay' }).save((await temp.store.headPosition())!, stored);
    await appendSampleEvents(temp.store, 10, { organizations: 1 });
    let now = 1_000_000;
    const sink = new MemoryAuditSink();
    const relay = new AuditRelay({
      store: temp.store,
      sink,
      now: () => now,
      reportIntervalMs: 0,
      chainCheckpoints: { signer, everyMs: 10_000 },
    });
    relay.start();
    await relay.waitUntilProcessed();
    expect(sink.records.map((r) => [r.partitionkey, (r as ChainedAuditRecord).chainseq])).toEqual(
      Array.from({ length: 10 }, (_, i) => ['org-0', 6 + i]),
    );
    expect(sink.records[0]).toMatchObject({ chainprev: stored['org-0']!.hash });

    now += 10_000;
    await appendSampleEvents(temp.store, 1, { organizations: 1 });
    await relay.waitUntilProcessed();
    await relay.stop();
    const checkpoints = sink.records.filter((r) => r.type === CHAIN_CHECKPOINT_TYPE);
    expect(checkpoints.map((r) => [r.partitionkey, (r.data.details as { chainseq: number }).chainseq]).sort()).toEqual([
      ['org-0', 16],
      ['org-9999', 5],
    ]);
    const quiet = checkpoints.find((r) => r.partitionkey === 'org-9999')!;
    expect(await verifyJws((quiet.data.details as { jws: string }).jws)).toMatchObject({
      sub: 'org-9999',
      chainhash: stored['org-9999']!.hash,
    });

    const reloaded = new RelayCheckpoint({ store: temp.store, processor: 'audit-relay' });
    await reloaded.load();
    expect(reloaded.loadedChains).toEqual({
      ...stored,
      'org-0': { seq: 16, hash: (sink.records[10] as ChainedAuditRecord).chainhash, signedSeq: 16 },
      'org-9999': { ...stored['org-9999'], signedSeq: 5 },
    });
  });

  describe('on a real broker', () => {
    let kafka: Awaited<ReturnType<typeof kafkaBrokersForTests>>;
    beforeAll(async () => (kafka = await kafkaBrokersForTests()));
    afterAll(() => kafka?.release());

    it('continues each chain after a restart from the heads stored with the checkpoint, signed checkpoints verifying', async () => {
      const topic = `audit-chain-${randomUUID()}`;
      const chainCheckpoints = { signer, everyRecords: 100, everyMs: 60_000 };
      await appendSampleEvents(temp.store, 600, { organizations: 4 });
      const first = startKafkaRelay(temp.store, kafka.brokers, topic, { chainCheckpoints }).relay;
      await first.waitUntilProcessed(undefined, 60_000);
      await first.stop();

      await appendSampleEvents(temp.store, 600, { organizations: 4 });
      const second = startKafkaRelay(temp.store, kafka.brokers, topic, { chainCheckpoints }).relay;
      await second.waitUntilProcessed(undefined, 60_000);
      await second.stop();

      const read = await readAuditTopic(kafka.brokers, topic);
      const result = await verifyAuditChains(
        read.map((r) => JSON.stringify(r.record)),
        verifyJws,
      );
      expect(result).toMatchObject({ intact: true, problems: [] });
      expect(result.chains.map((chain) => [chain.firstSeq, chain.lastSeq])).toEqual(result.chains.map(() => [1, 300]));
      expect(read.filter((r) => r.record.type === CHAIN_CHECKPOINT_TYPE).length).toBeGreaterThanOrEqual(8);
      // Checkpoints come at batch boundaries once 100 records of a chain are unsigned: 2 or 3 of 300.
      for (const chain of result.chains) {
        expect(chain.checkpointsVerified).toBeGreaterThanOrEqual(2);
        expect(chain.signedSeq).toBeGreaterThanOrEqual(200);
      }
    });
  });
});
