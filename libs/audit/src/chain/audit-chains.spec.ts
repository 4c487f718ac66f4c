import { sampleAuditRecord } from './sample-audit-record.fixture';
import { chainHashOf, GENESIS_HASH } from './audit-chain';
import { serializeAuditRecord } from './chained-lines';
import { AuditChains, type StoredChains } from './audit-chains';

const record = sampleAuditRecord;

/** 10,000 organizations' chains as a relay checkpoint stores them. */
function storedChains(count = 10_000): StoredChains {
  const stored: Record<string, { seq: number; hash: string; signedSeq: number }> = {};
  for (let i = 0; i < count; i++) stored[`org-${i}`] = { seq: 10 + (i % 7), hash: chainHashOf({ i }), signedSeq: 10 };
  return stored;
}

describe('AuditChains', () => {
  it('links a batch touching one of 10,000 stored chains from its stored head; the heads change only on commit', () => {
    const stored = storedChains();
    const chains = new AuditChains(stored);
    const linked = chains.link([record('org-42', 1), record('org-42', 2)]);

    expect(linked.records.map((r) => [r.chainseq, r.chainprev])).toEqual([
      [stored['org-42']!.seq + 1, stored['org-42']!.hash],
      [stored['org-42']!.seq + 2, linked.records[0]!.chainhash],
    ]);
    expect(linked.records.map((r) => chainHashOf({ ...r }))).toEqual(linked.records.map((r) => r.chainhash));
    // The overlay holds the one chain the batch touched, not a copy of all 10,000.
    expect([...linked.heads.keys()]).toEqual(['org-42']);
    expect(chains.get('org-42')).toEqual(stored['org-42']);

    chains.commit(linked.heads);
    expect(chains.get('org-42')).toEqual({ seq: stored['org-42']!.seq + 2, hash: linked.records[1]!.chainhash, signedSeq: 10 });
    expect(chains.toStored()).toEqual({ ...stored, 'org-42': chains.get('org-42') });
  });

  it('leaves the heads as they were after a batch that was published but never acknowledged: relinking it gives the same bytes', () => {
    const stored = storedChains();
    const chains = new AuditChains(stored);
    const batch = [record('org-7', 1), record('new-org', 2), record('org-7', 3)];
    const failed = chains.link(batch);

    expect(chains.toStored()).toEqual(stored);
    const retried = chains.link(batch);
    expect(retried.records.map(serializeAuditRecord)).toEqual(failed.records.map(serializeAuditRecord));
    expect(retried.records[1]).toMatchObject({ chainseq: 1, chainprev: GENESIS_HASH });
  });

  it('links batch after batch exactly as one batch of all the records: the chain does not depend on how it was cut', () => {
    const records = Array.from({ length: 60 }, (_, n) => record(`org-${n % 4}`, n));
    const whole = new AuditChains().link(records).records;
    const chains = new AuditChains();
    const inBatches = [0, 7, 20, 21, 45].flatMap((start, i, starts) => {
      const linked = chains.link(records.slice(start, starts[i + 1] ?? records.length));
      chains.commit(linked.heads);
      return linked.records;
    });
    expect(inBatches.map(serializeAuditRecord)).toEqual(whole.map(serializeAuditRecord));
  });
});
