import type Database from 'better-sqlite3';

/**
 * truncateStreamBefore on the writer's connection. The rows below the truncation point are deleted,
 * except the stream's last event: it carries the stream's revision (the batch writer continues from
 * max(revision)) and may be the store's newest row, whose rowid must never be handed out again.
 */
export class SqliteStreamTruncation {
  private readonly recordPoint: Database.Statement<[string, number]>;
  private readonly deleteBelow: Database.Statement<{ stream: string; before: number }>;
  private readonly inTransaction: Database.Transaction<(stream: string, before: number) => void>;
  private readonly reclaim: () => void;

  constructor(db: Database.Database) {
    // max(): truncation is never undone, a lower point than the stored one changes nothing.
    this.recordPoint = db.prepare(
      `INSERT INTO stream_truncations (stream, before) VALUES (?, ?)
       ON CONFLICT (stream) DO UPDATE SET before = max(before, excluded.before)`,
    );
    // For a stream without events the subquery is NULL and so is the bound: nothing is deleted.
    this.deleteBelow = db.prepare(
      `DELETE FROM events WHERE stream = (SELECT id FROM streams WHERE name = @stream)
         AND revision < min(@before, (SELECT max(revision) FROM events WHERE stream = (SELECT id FROM streams WHERE name = @stream)))`,
    );
    this.inTransaction = db.transaction((stream, before) => {
      this.recordPoint.run(stream, before);
      this.deleteBelow.run({ stream, before });
    });
    // exec, not a prepared statement: each step of this pragma frees a single page.
    this.reclaim = () => db.exec('PRAGMA incremental_vacuum');
  }

  /** IMMEDIATE, like the append batches: it must not read a revision another process then moves. */
  truncate(stream: string, before: number): void {
    this.inTransaction.immediate(stream, before);
    // Give the freed pages back to the file system (auto_vacuum = INCREMENTAL): pruned token history
    // must shrink the file, not only leave free pages inside it.
    this.reclaim();
  }
}
