import { sampleAuditRecord } from './sample-audit-record.fixture';
import type { AuditRecord } from '../record/audit-record';
import { silentRelayLogger } from '../relay/relay-logger';
import { chainHashOf } from './audit-chain';
import { AuditChains, type ChainOverlay, type StoredChains } from './audit-chains';
import { ChainCheckpointer } from './chain-checkpointer';
import type { AuditCheckpointSigner, ChainCheckpointClaims } from './chain-checkpoint-record';

const record = sampleAuditRecord;

/** 10,000 stored chains, all signed up to their head except `unsigned` ones (3 records past their last checkpoint). */
function storedChains(unsigned: readonly string[]): StoredChains {
  const stored: Record<string, { seq: number; hash: string; signedSeq: number }> = {};
  for (let i = 0; i < 10_000; i++) stored[`org-${i}`] = { seq: 10, hash: chainHashOf({ i }), signedSeq: 10 };
  for (const key of unsigned) stored[key] = { ...stored[key]!, seq: 13 };
  return stored;
}

/** The relay's protocol around the checkpointer: link on an overlay, add due checkpoints, commit once acknowledged. */
function relayOf(stored: StoredChains, options: { everyRecords?: number; everyMs?: number; signer?: AuditCheckpointSigner } = {}) {
  let now = 1_000_000;
  const signed: ChainCheckpointClaims[] = [];
  const signer = options.signer ?? {
    sign: async (claims: ChainCheckpointClaims) => (signed.push(claims), `jws-${claims.sub}-${claims.chainseq}`),
  };
  const checkpointer = new ChainCheckpointer({ ...options, signer, now: () => now, logger: silentRelayLogger });
  const chains = new AuditChains(stored);
  checkpointer.track(chains.entries());
  const commit = (heads: ChainOverlay) => {
    chains.commit(heads);
    checkpointer.track(heads);
  };
  return {
    chains,
    checkpointer,
    signed,
    advance: (ms: number) => (now += ms),
    /** One batch; `acknowledged: false` is a publish cut short by a stop. */
    async batch(records: AuditRecord[], acknowledged = true) {
      const linked = chains.link(records);
      const checkpoints = checkpointer.anyDue(linked.heads) ? await checkpointer.checkpoints(linked.heads, chains) : [];
      if (acknowledged) commit(linked.heads);
      return checkpoints.map((r) => r.partitionkey);
    },
    /** The relay with no events: due chains still get their checkpoints. */
    async idle() {
      const heads: ChainOverlay = new Map();
      const checkpoints = await checkpointer.checkpoints(heads, chains);
      commit(heads);
      return checkpoints.map((r) => r.partitionkey);
    },
  };
}

describe('ChainCheckpointer with 10,000 chains', () => {
  it('signs an untouched chain once its time is up, while batches touch another chain', async () => {
    const relay = relayOf(storedChains(['org-9000', 'org-17']), { everyMs: 10_000 });
    expect(relay.checkpointer.waitMs()).toBe(10_000);
    relay.advance(9_999);
    expect(await relay.batch([record('org-1', 1)])).toEqual([]);
    expect(relay.checkpointer.waitMs()).toBe(1);

    relay.advance(1);
    // org-1 is due too: its records came in this run, whose start its time counts from.
    expect((await relay.batch([record('org-1', 2)])).sort()).toEqual(['org-1', 'org-17', 'org-9000']);
    expect(relay.signed.find((claims) => claims.sub === 'org-9000')).toEqual({
      sub: 'org-9000',
      chainseq: 13,
      chainhash: relay.chains.get('org-9000')!.hash,
      iat: 1010,
    });
    expect(relay.chains.get('org-9000')).toMatchObject({ seq: 13, signedSeq: 13 });
    expect(relay.checkpointer.waitMs()).toBeUndefined();
    expect(await relay.idle()).toEqual([]);

    relay.advance(5_000);
    expect(await relay.batch([record('org-9000', 3)])).toEqual([]);
    // Its time counts from its last checkpoint, 5 s ago.
    expect(relay.checkpointer.waitMs()).toBe(5_000);
    relay.advance(5_000);
    // Nothing touches it again: the relay, idle, still signs it.
    expect(await relay.idle()).toEqual(['org-9000']);
    expect(relay.chains.get('org-9000')).toMatchObject({ seq: 14, signedSeq: 14 });
    expect(relay.signed).toHaveLength(4);
  });

  it('signs a touched chain once everyRecords of it are unsigned, however long its time has left', async () => {
    const relay = relayOf(storedChains([]), { everyRecords: 5, everyMs: 60_000 });
    expect(await relay.batch([1, 2, 3].map((n) => record('org-5', n)))).toEqual([]);
    expect(await relay.batch([4, 5].map((n) => record('org-5', n)))).toEqual(['org-5']);
    expect(relay.signed.map((claims) => claims.chainseq)).toEqual([15]);
    // Signed: its time starts again from that checkpoint.
    expect(relay.checkpointer.waitMs()).toBeUndefined();
    expect(await relay.batch([record('org-5', 6)])).toEqual([]);
    expect(relay.checkpointer.waitMs()).toBe(60_000);
  });

  it('leaves the heads as they were when a batch with checkpoints in it was never acknowledged', async () => {
    const relay = relayOf(storedChains(['org-3']), { everyMs: 1000 });
    const before = relay.chains.toStored();
    relay.advance(1000);
    expect(await relay.batch([record('org-4', 1)], false)).toEqual(['org-4', 'org-3']);
    expect(relay.chains.toStored()).toEqual(before);
  });

  it('retries a chain whose signature failed with the next batch', async () => {
    let failing = true;
    const signer = {
      sign: async (claims: ChainCheckpointClaims) => (failing ? Promise.reject(new Error('no key yet')) : `jws-${claims.sub}`),
    };
    const relay = relayOf(storedChains(['org-2']), { everyMs: 1000, signer });
    relay.advance(1000);
    expect(await relay.batch([])).toEqual([]);
    expect(relay.chains.get('org-2')).toMatchObject({ seq: 13, signedSeq: 10 });
    expect(relay.checkpointer.waitMs()).toBe(0);
    failing = false;
    expect(await relay.idle()).toEqual(['org-2']);
    expect(relay.chains.get('org-2')).toMatchObject({ seq: 13, signedSeq: 13 });
  });

  it('retries a chain due by count whose signature failed with the next batch, even one touching another chain', async () => {
    let failing = true;
    const signer = {
      sign: async (claims: ChainCheckpointClaims) => (failing ? Promise.reject(new Error('no key yet')) : `jws-${claims.sub}`),
    };
    const relay = relayOf(storedChains([]), { everyRecords: 2, everyMs: 60_000, signer });
    expect(await relay.batch([record('org-8', 1), record('org-8', 2)])).toEqual([]);
    failing = false;
    expect(await relay.batch([record('org-1', 3)])).toEqual(['org-8']);
    expect(relay.chains.get('org-8')).toMatchObject({ seq: 12, signedSeq: 12 });
    expect(await relay.batch([record('org-1', 4)])).toEqual(['org-1']);
  });

  it('signs nothing and waits for nothing without a signer', async () => {
    const checkpointer = new ChainCheckpointer({ now: () => 0, logger: silentRelayLogger, everyMs: 0 });
    const chains = new AuditChains(storedChains(['org-1']));
    checkpointer.track(chains.entries());
    expect([checkpointer.waitMs(), checkpointer.anyDue(new Map()), await checkpointer.checkpoints(new Map(), chains)]).toEqual([
      undefined,
      false,
      [],
    ]);
  });
});
