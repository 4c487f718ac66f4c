import { EncodedAuditRecord } from '../record/encoded-audit-record';
import type { ChainedAuditRecord } from './audit-chain';

/** An EncodedAuditRecord once linked: its chain members are its own, the rest is read from its text when asked. */
export class ChainedEncodedAuditRecord extends EncodedAuditRecord implements ChainedAuditRecord {
  constructor(
    record: EncodedAuditRecord,
    readonly chainhash: string,
    readonly chainprev: string,
    readonly chainseq: number,
  ) {
    super(record.json, record.id, record.partitionkey);
  }

  override toJSON(): ChainedAuditRecord {
    // Canonical order: "chainhash" < "chainprev" < "chainseq" < every member of a record.
    return { chainhash: this.chainhash, chainprev: this.chainprev, chainseq: this.chainseq, ...super.toJSON() };
  }
}
