import type { AuditRecord } from '../record/audit-record';
import type { RelayLogger } from '../relay/relay-logger';
import type { StoredChainHead } from './audit-chains';
import { chainCheckpointRecord, type AuditCheckpointSigner } from './chain-checkpoint-record';

export interface ChainCheckpointerOptions {
  readonly signer?: AuditCheckpointSigner;
  /** A chain gets a signed checkpoint after this many records... Default 1000. */
  readonly everyRecords?: number;
  /** ...or once this long passed since its last one, whichever comes first. Default 10 s. */
  readonly everyMs?: number;
  readonly now: () => number;
  readonly logger: RelayLogger;
}

/**
 * Decides which chains are due a signed checkpoint and makes those records. Without a signer (or while
 * it fails, e.g. before the first signing key exists) the chain goes on unsigned: the audit stream is
 * never held back for a signature.
 */
export class ChainCheckpointer {
  private readonly everyRecords: number;
  private readonly everyMs: number;
  private readonly signedAt = new Map<string, number>();
  private readonly startedAt: number;

  constructor(private readonly options: ChainCheckpointerOptions) {
    this.everyRecords = options.everyRecords ?? 1000;
    this.everyMs = options.everyMs ?? 10_000;
    this.startedAt = options.now();
  }

  /** How long the relay may sleep before a chain's time is up; undefined: no chain waits for one. */
  waitMs(heads: Iterable<[string, StoredChainHead]>): number | undefined {
    if (!this.options.signer) return undefined;
    let wait: number | undefined;
    for (const [key, head] of heads) {
      if (head.seq <= head.signedSeq) continue;
      const left = Math.max(0, this.lastSignedAt(key) + this.everyMs - this.options.now());
      wait = wait === undefined ? left : Math.min(wait, left);
    }
    return wait;
  }

  /** Whether `checkpoints` would sign any: most batches need none, and then no promise is made for it. */
  anyDue(heads: ReadonlyMap<string, StoredChainHead>): boolean {
    if (!this.options.signer) return false;
    const now = this.options.now();
    for (const [key, head] of heads) if (this.isDue(key, head, now)) return true;
    return false;
  }

  /** Checkpoint records for every due chain; marks them signed in `heads` (the batch's tentative heads). */
  async checkpoints(heads: Map<string, StoredChainHead>): Promise<AuditRecord[]> {
    const signer = this.options.signer;
    if (!signer) return [];
    const now = this.options.now();
    const records: AuditRecord[] = [];
    for (const [key, head] of heads) {
      if (!this.isDue(key, head, now)) continue;
      const claims = { sub: key, chainseq: head.seq, chainhash: head.hash, iat: Math.floor(now / 1000) };
      try {
        records.push(chainCheckpointRecord(key, claims, await signer.sign(claims)));
      } catch (error) {
        this.options.logger.warn(
          { err: (error as Error).message, chain: key },
          'audit relay: chain checkpoint not signed; retried with the next batch',
        );
        continue;
      }
      heads.set(key, { ...head, signedSeq: head.seq });
      this.signedAt.set(key, now);
    }
    return records;
  }

  private isDue(key: string, head: StoredChainHead, now: number): boolean {
    const unsigned = head.seq - head.signedSeq;
    return unsigned > 0 && (unsigned >= this.everyRecords || now - this.lastSignedAt(key) >= this.everyMs);
  }

  private lastSignedAt(key: string): number {
    return this.signedAt.get(key) ?? this.startedAt;
  }
}
