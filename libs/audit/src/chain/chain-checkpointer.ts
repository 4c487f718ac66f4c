import type { AuditRecord } from '../record/audit-record';
import type { RelayLogger } from '../relay/relay-logger';
import type { AuditChains, ChainOverlay, StoredChainHead } from './audit-chains';
import { chainCheckpointRecord, type AuditCheckpointSigner } from './chain-checkpoint-record';
import { DueQueue } from './due-queue';

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
 *
 * A chain is due by count only when a batch touched it, and by time when its unsigned records have
 * waited everyMs: chains with unsigned records wait in a queue by that time, so a batch costs the chains
 * it touched and the chains due, never a scan of every organization's chain.
 */
export class ChainCheckpointer {
  private readonly everyRecords: number;
  private readonly everyMs: number;
  private readonly signedAt = new Map<string, number>();
  private readonly startedAt: number;
  private readonly waiting = new DueQueue();
  /** Due chains whose signature failed: still due (nothing but a checkpoint signs them), retried with the next batch. */
  private readonly failed = new Set<string>();

  constructor(private readonly options: ChainCheckpointerOptions) {
    this.everyRecords = options.everyRecords ?? 1000;
    this.everyMs = options.everyMs ?? 10_000;
    this.startedAt = options.now();
  }

  /** Committed (or loaded) heads: a chain with unsigned records starts waiting for its time. */
  track(heads: Iterable<[string, StoredChainHead]>): void {
    if (!this.options.signer) return;
    for (const [key, head] of heads)
      if (head.seq > head.signedSeq && !this.waiting.has(key)) this.waiting.schedule(key, this.lastSignedAt(key) + this.everyMs);
  }

  /** How long the relay may sleep before a chain's time is up; undefined: no chain waits for one. */
  waitMs(): number | undefined {
    if (!this.options.signer) return undefined;
    const at = this.waiting.peek();
    return at === undefined ? undefined : Math.max(0, at - this.options.now());
  }

  /** Whether `checkpoints` would sign any: most batches need none, and then no promise is made for it. */
  anyDue(batch: ChainOverlay): boolean {
    if (!this.options.signer) return false;
    const now = this.options.now();
    if (this.failed.size > 0) return true;
    for (const [key, head] of batch) if (this.isDue(key, head, now)) return true;
    const at = this.waiting.peek();
    return at !== undefined && at <= now;
  }

  /**
   * Checkpoint records for every due chain, touched by the batch or not; marks them signed in `batch`
   * (the batch's overlay over the committed `chains`), so they are signed once the batch is committed.
   */
  async checkpoints(batch: ChainOverlay, chains: AuditChains): Promise<AuditRecord[]> {
    const signer = this.options.signer;
    if (!signer) return [];
    const now = this.options.now();
    const timeUp = this.waiting.takeDue(now);
    const candidates = new Set([...batch.keys(), ...timeUp, ...this.failed]);
    this.failed.clear();
    const records: AuditRecord[] = [];
    for (const key of candidates) {
      const head = batch.get(key) ?? chains.get(key);
      if (!head || !this.isDue(key, head, now)) continue;
      const claims = { sub: key, chainseq: head.seq, chainhash: head.hash, iat: Math.floor(now / 1000) };
      try {
        records.push(chainCheckpointRecord(key, claims, await signer.sign(claims)));
      } catch (error) {
        this.options.logger.warn(
          { err: (error as Error).message, chain: key },
          'audit relay: chain checkpoint not signed; retried with the next batch',
        );
        this.failed.add(key);
        continue;
      }
      batch.set(key, { ...head, signedSeq: head.seq });
      this.signedAt.set(key, now);
      this.waiting.cancel(key);
    }
    // A chain whose time was up and whose signature failed waits as it did before: its time is still up.
    for (const key of timeUp) {
      const head = batch.get(key) ?? chains.get(key);
      if (head && head.seq > head.signedSeq && !this.waiting.has(key)) this.waiting.schedule(key, this.lastSignedAt(key) + this.everyMs);
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
