import { EventStoreUnavailable } from '../port/event-store.errors';
import type { RecordedEvent } from '../port/event-store.port';
import { committedEvents } from './committed-events';
import type { PendingAppend } from './pending-append';
import type { AppendOutcome } from './sqlite-batch-writer';

/** What one write transaction did; handed to the `onBatch` hook (metrics, tests). */
export interface AppendBatchReport {
  readonly appends: number;
  readonly events: number;
  readonly outcome: 'committed' | 'failed';
  readonly durationMs: number;
}

export interface BatchWriter {
  write(batch: readonly PendingAppend[], now: number): Promise<AppendOutcome[]>;
}

/**
 * Group commit, pipelined: one transaction in flight at a time; every append that arrives while it
 * commits joins the next one. Under load, batches grow with the fsync time, so N concurrent requests
 * share one WAL fsync. Each append settles only after its own transaction committed.
 */
export class SqliteAppendQueue {
  private pending: PendingAppend[] = [];
  private inFlight: Promise<void> | undefined;
  private scheduled = false;

  private readonly writer: BatchWriter;
  /** The events a transaction committed, in position order, as a read would return them. */
  private readonly onCommitted: (events: RecordedEvent[]) => void;
  private readonly onBatch: ((report: AppendBatchReport) => void) | undefined;

  constructor(props: {
    readonly writer: BatchWriter;
    readonly onCommitted: (events: RecordedEvent[]) => void;
    readonly onBatch?: (report: AppendBatchReport) => void;
  }) {
    ({ writer: this.writer, onCommitted: this.onCommitted, onBatch: this.onBatch } = props);
  }

  enqueue(append: PendingAppend): void {
    this.pending.push(append);
    if (!this.scheduled && !this.inFlight) {
      this.scheduled = true;
      // Let the appends of this macrotask gather before the first transaction starts.
      setImmediate(() => {
        this.scheduled = false;
        this.startNext();
      });
    }
  }

  /** Resolves once every append accepted so far has been written; close() awaits it. */
  async drain(): Promise<void> {
    while (this.inFlight || this.pending.length > 0) {
      if (!this.inFlight) this.startNext();
      await this.inFlight;
    }
  }

  private startNext(): void {
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlight = this.write(batch).finally(() => {
      this.inFlight = undefined;
      this.startNext();
    });
  }

  private async write(batch: PendingAppend[]): Promise<void> {
    const started = performance.now();
    let outcomes: AppendOutcome[];
    const now = Date.now();
    try {
      outcomes = await this.writer.write(batch, now);
    } catch (cause) {
      const error = new EventStoreUnavailable(`append batch of ${batch.length} failed: ${String((cause as Error)?.message ?? cause)}`, {
        cause,
      });
      for (const append of batch) append.reject(error);
      this.report(batch, 'failed', started);
      return;
    }
    for (let index = 0; index < outcomes.length; index++) {
      const outcome = outcomes[index]!;
      if (outcome.ok) batch[index]!.resolve(outcome.result);
      else batch[index]!.reject(outcome.error);
    }
    this.onCommitted(committedEvents(batch, outcomes, new Date(now)));
    this.report(batch, 'committed', started);
  }

  private report(batch: readonly PendingAppend[], outcome: AppendBatchReport['outcome'], started: number): void {
    if (!this.onBatch) return;
    this.onBatch({
      appends: batch.length,
      events: batch.reduce((sum, append) => sum + append.events.length, 0),
      outcome,
      durationMs: performance.now() - started,
    });
  }
}
