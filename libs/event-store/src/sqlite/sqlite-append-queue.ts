import type Database from 'better-sqlite3';
import { EventStoreUnavailable } from '../port/event-store.errors';
import type { PendingAppend } from './pending-append';
import { SqliteBatchWriter } from './sqlite-batch-writer';

/** What one write transaction did; handed to the `onBatch` hook (metrics, tests). */
export interface AppendBatchReport {
  readonly appends: number;
  readonly events: number;
  readonly outcome: 'committed' | 'failed';
  readonly durationMs: number;
}

/**
 * Group commit. Appends made while the current macrotask runs (everything until `setImmediate`)
 * are written in one transaction, so N concurrent requests share one WAL fsync.
 * better-sqlite3 is synchronous: the commit blocks the event loop, and requests arriving meanwhile
 * queue up in the kernel and form the next batch.
 */
export class SqliteAppendQueue {
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private readonly writer: SqliteBatchWriter;

  constructor(
    private readonly db: Database.Database,
    private readonly onCommitted: () => void,
    private readonly onBatch: (report: AppendBatchReport) => void = () => undefined,
  ) {
    this.writer = new SqliteBatchWriter(db);
  }

  enqueue(append: PendingAppend): void {
    this.pending.push(append);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes whatever is queued now; close() calls it so accepted appends are not dropped. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const started = performance.now();
    const report = (outcome: AppendBatchReport['outcome']): AppendBatchReport => ({
      appends: batch.length,
      events: batch.reduce((sum, append) => sum + append.events.length, 0),
      outcome,
      durationMs: performance.now() - started,
    });
    let outcomes;
    try {
      outcomes = this.writer.write(batch, Date.now());
    } catch (cause) {
      this.rollBackLeftovers();
      const error = new EventStoreUnavailable(`append batch of ${batch.length} failed: ${String(cause)}`, { cause });
      for (const append of batch) append.reject(error);
      this.onBatch(report('failed'));
      return;
    }
    outcomes.forEach((outcome, index) => {
      const append = batch[index]!;
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    this.onCommitted();
    this.onBatch(report('committed'));
  }

  private rollBackLeftovers(): void {
    // better-sqlite3 rolls back on a throw, but a failed COMMIT may leave the transaction open.
    if (!this.db.open || !this.db.inTransaction) return;
    try {
      this.db.exec('ROLLBACK');
    } catch {
      // Nothing more to do here: the batch is reported failed, and the next BEGIN surfaces the fault.
    }
  }
}
