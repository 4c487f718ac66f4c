import type { AuditRecord } from '../record/audit-record';
import type { ChainedAuditRecord, ChainHead } from './audit-chain';
import { ChainedLinesWriter } from './chained-lines';

/** A chain head as the relay checkpoint stores it; signedSeq: the chainseq of its last signed checkpoint record. */
export interface StoredChainHead extends ChainHead {
  readonly signedSeq: number;
}

export type StoredChains = Readonly<Record<string, StoredChainHead>>;

/** The heads a batch changed (only those: a batch costs what it touches, not what is stored), over the committed ones. */
export type ChainOverlay = Map<string, StoredChainHead>;

/**
 * The heads of every organization's chain. A batch is linked on an overlay (`link`), and the overlay
 * is merged into the heads only once the sink acknowledged the batch (`commit`): a publish that is
 * retried or cut short by a stop links nothing twice, and the heads always match the relay's
 * acknowledged position, which is what the checkpoint stores with them. After a crash, the events after
 * the checkpoint are linked again from the stored heads and so get the same chainseq and chainhash:
 * duplicates, not forks.
 */
export class AuditChains {
  private readonly heads: Map<string, StoredChainHead>;

  constructor(stored: StoredChains = {}) {
    this.heads = new Map(Object.entries(stored));
  }

  /** The records are written as JSON lines into one buffer as they are linked: publish `records` as it is (encodedAuditLines). */
  link(records: readonly AuditRecord[]): { readonly records: ChainedAuditRecord[]; readonly heads: ChainOverlay } {
    const overlay: ChainOverlay = new Map();
    const writer = new ChainedLinesWriter(records.length);
    for (const record of records) {
      const head = overlay.get(record.partitionkey) ?? this.heads.get(record.partitionkey);
      const chained = writer.link(record, head);
      overlay.set(record.partitionkey, { seq: chained.chainseq, hash: chained.chainhash, signedSeq: head?.signedSeq ?? 0 });
    }
    return { records: writer.finish(), heads: overlay };
  }

  commit(overlay: ChainOverlay): void {
    for (const [key, head] of overlay) this.heads.set(key, head);
  }

  /** The committed head. */
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
