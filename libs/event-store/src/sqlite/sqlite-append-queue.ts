import type Database from 'better-sqlite3';
import { EventStoreUnavailable, WrongExpectedRevision } from '../port/event-store.errors';
import type { AppendResult } from '../port/event-store.port';
import { actualRevision, type CurrentRevision, NO_STREAM, satisfies } from './expected-revision';
import type { PendingAppend } from './pending-append';

/** What one write transaction did; handed to the `onBatch` hook (metrics, tests). */
export interface AppendBatchReport {
  readonly appends: number;
  readonly events: number;
  readonly outcome: 'committed' | 'failed';
  readonly durationMs: number;
}

type Outcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: Error };

// Duplicate event ids are the caller's fault and must fail only their own append; any other error
// (disk full, I/O, a busy lock, a foreign trigger) means the batch cannot be trusted and fails whole.
const PER_APPEND_ERRORS = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

function isPerAppendError(error: unknown): boolean {
  return error instanceof Error && PER_APPEND_ERRORS.has((error as { code?: string }).code ?? '');
}

/**
 * Group commit. Appends made while the current macrotask runs (everything until `setImmediate`)
 * are written in one IMMEDIATE transaction, so N concurrent requests share one WAL fsync.
 * better-sqlite3 is synchronous: the commit blocks the event loop, and requests arriving meanwhile
 * queue up in the kernel and form the next batch.
 */
export class SqliteAppendQueue {
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private readonly lastRevision: Database.Statement<[string], number>;
  private readonly insert: Database.Statement<[string, string, number, string, string, string, number]>;
  private readonly writeBatch: Database.Transaction<(batch: readonly PendingAppend[], now: number) => Outcome[]>;
  // Nested better-sqlite3 transactions run as SAVEPOINTs: a failing multi-event append rolls back alone.
  private readonly insertInSavepoint: Database.Transaction<(append: PendingAppend, from: number, now: number) => number>;

  constructor(
    private readonly db: Database.Database,
    private readonly onCommitted: () => void,
    private readonly onBatch: (report: AppendBatchReport) => void = () => undefined,
  ) {
    this.lastRevision = db
      .prepare<[string], number>('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1')
      .pluck();
    this.insert = db.prepare(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertInSavepoint = db.transaction((append, from, now) => this.insertEvents(append, from, now));
    this.writeBatch = db.transaction((batch, now) => this.applyBatch(batch, now));
  }

  enqueue(append: PendingAppend): void {
    this.pending.push(append);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes whatever is queued now; used by close() so accepted appends are not dropped. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const started = performance.now();
    const events = batch.reduce((sum, append) => sum + append.events.length, 0);
    let outcomes: Outcome[];
    try {
      outcomes = this.writeBatch.immediate(batch, Date.now());
    } catch (cause) {
      if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
      const error = new EventStoreUnavailable(`append batch of ${batch.length} failed: ${String(cause)}`, { cause });
      for (const append of batch) append.reject(error);
      this.onBatch({ appends: batch.length, events, outcome: 'failed', durationMs: performance.now() - started });
      return;
    }
    outcomes.forEach((outcome, index) => {
      const append = batch[index]!;
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    this.onCommitted();
    this.onBatch({ appends: batch.length, events, outcome: 'committed', durationMs: performance.now() - started });
  }

  private applyBatch(batch: readonly PendingAppend[], now: number): Outcome[] {
    // The lookup would see this transaction's own inserts too; the map only spares it for hot
    // streams that many appends of one batch share (token_issuance shards).
    const revisions = new Map<string, CurrentRevision>();
    return batch.map((append): Outcome => {
      const current = revisions.get(append.stream) ?? this.lastRevision.get(append.stream) ?? NO_STREAM;
      if (!satisfies(append.expected, current)) {
        return { ok: false, error: new WrongExpectedRevision(append.stream, append.expected, actualRevision(current)) };
      }
      let position: number;
      try {
        // A single INSERT is atomic on its own; only multi-event appends pay for a savepoint.
        position =
          append.events.length === 1
            ? this.insertEvents(append, current + 1, now)
            : this.insertInSavepoint(append, current + 1, now);
      } catch (error) {
        if (!isPerAppendError(error)) throw error;
        return { ok: false, error: new Error(`stream ${append.stream}: an event id already exists`, { cause: error }) };
      }
      const last = current + append.events.length;
      revisions.set(append.stream, last);
      return { ok: true, result: { nextExpectedRevision: last, position: BigInt(position) } };
    });
  }

  private insertEvents(append: PendingAppend, fromRevision: number, now: number): number {
    let position = 0;
    append.events.forEach((event, offset) => {
      const info = this.insert.run(event.id, append.stream, fromRevision + offset, event.type, event.data, event.metadata, now);
      position = Number(info.lastInsertRowid);
    });
    return position;
  }
}
