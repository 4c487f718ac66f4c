/**
 * What the hash chains cost the relay per batch, as the number of organizations' chains grows: the
 * relay's chain work for one batch (waitMs, link on an overlay, anyDue, commit) with a signer set and
 * no checkpoint due, the common case between checkpoints.
 *   node -r @swc-node/register libs/audit/src/bench/chain-batch-cost.bench.ts [batches=2000] [records=32] [rounds=5]
 * Prints, for 10 and 10,000 stored chains, the median of `rounds` µs per batch (each batch touching one chain).
 */
import type { AuditRecord } from '../record/audit-record';
import { silentRelayLogger } from '../relay/relay-logger';
import { chainHashOf } from '../chain/audit-chain';
import { AuditChains, type StoredChains } from '../chain/audit-chains';
import { ChainCheckpointer } from '../chain/chain-checkpointer';

const [BATCHES = 2000, RECORDS = 32, ROUNDS = 5] = process.argv.slice(2).map(Number);

const record = (org: string, n: number): AuditRecord => ({
  specversion: '1.0',
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  source: `/organizations/${org}`,
  type: 'keyward.access_token.issued.v1',
  time: '2026-01-01T00:00:00.000Z',
  datacontenttype: 'application/json',
  partitionkey: org,
  data: { actor: 'client:c', organizationId: org, outcome: 'success' },
});

function stored(count: number): StoredChains {
  const chains: Record<string, { seq: number; hash: string; signedSeq: number }> = {};
  // Every chain a few records past its last checkpoint, so each waits for its time.
  for (let i = 0; i < count; i++) chains[`org-${i}`] = { seq: 5, hash: chainHashOf({ i }), signedSeq: 2 };
  return chains;
}

function microsPerBatch(chainCount: number): number {
  const checkpointer = new ChainCheckpointer({
    signer: { sign: () => Promise.reject(new Error('no checkpoint is due in this bench')) },
    everyRecords: Number.MAX_SAFE_INTEGER,
    everyMs: 3_600_000,
    now: () => 0,
    logger: silentRelayLogger,
  });
  const chains = new AuditChains(stored(chainCount));
  checkpointer.track(chains.entries());
  const batches = Array.from({ length: BATCHES }, (_, b) =>
    Array.from({ length: RECORDS }, (_, n) => record(`org-${b % chainCount}`, b * RECORDS + n)),
  );
  const started = process.hrtime.bigint();
  for (const batch of batches) {
    checkpointer.waitMs();
    const linked = chains.link(batch);
    if (checkpointer.anyDue(linked.heads)) throw new Error('a checkpoint came due');
    chains.commit(linked.heads);
    checkpointer.track(linked.heads);
  }
  return Number(process.hrtime.bigint() - started) / 1000 / BATCHES;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const results = new Map<number, number[]>([
  [10, []],
  [10_000, []],
]);
// Interleaved rounds, the first one a warm-up.
for (let round = 0; round <= ROUNDS; round++)
  for (const [count, times] of results) {
    const micros = microsPerBatch(count);
    if (round > 0) times.push(micros);
  }
for (const [count, times] of results)
  console.log(`${count} chains: ${median(times).toFixed(1)} µs per batch of ${RECORDS} records (median of ${ROUNDS})`);
