import type { AuditRecord } from '../record/audit-record';
import { linkRecord, type ChainedAuditRecord, type ChainHead } from './audit-chain';

/** A chain head as the relay checkpoint stores it; signedSeq: the chainseq of its last signed checkpoint record. */
export interface StoredChainHead extends ChainHead {
  readonly signedSeq: number;
}

export type StoredChains = Readonly<Record<string, StoredChainHead>>;

/**
 * The heads of every organization's chain. A batch is linked on a copy (`link`), and the copy becomes
 * the heads only once the sink acknowledged the batch (`commit`): a publish that is retried or cut
 * short by a stop links nothing twice, and the heads always match the relay's acknowledged position,
 * which is what the checkpoint stores with them. After a crash, the events after the checkpoint are
 * linked again from the stored heads and so get the same chainseq and chainhash: duplicates, not forks.
 */
export class AuditChains {
  private heads: Map<string, StoredChainHead>;

  constructor(stored: StoredChains = {}) {
    this.heads = new Map(Object.entries(stored));
  }

  link(records: readonly AuditRecord[]): { readonly records: ChainedAuditRecord[]; readonly heads: Map<string, StoredChainHead> } {
    const heads = new Map(this.heads);
    const linked = records.map((record) => {
      const head = heads.get(record.partitionkey);
      const chained = linkRecord(record, head);
      heads.set(record.partitionkey, { seq: chained.chainseq, hash: chained.chainhash, signedSeq: head?.signedSeq ?? 0 });
      return chained;
    });
    return { records: linked, heads };
  }

  commit(heads: Map<string, StoredChainHead>): void {
    this.heads = heads;
  }

  get(partitionKey: string): StoredChainHead | undefined {
    return this.heads.get(partitionKey);
  }

  entries(): IterableIterator<[string, StoredChainHead]> {
    return this.heads.entries();
  }

  toStored(): StoredChains {
    return Object.fromEntries(this.heads);
  }
}
