import type Database from 'better-sqlite3';

import type { RecordedEvent } from '../port/event-store.port';
import type { CommittedPositionCell } from './committed-position-cell';

export interface ChangeListener {
  /** Something may have been appended; the listener re-reads from its own position. */
  wake(): void;
  /**
   * A commit this store learned of as it was made (its own, or another of this process's stores', live), in position
   * order: the listener takes these events as they are, and reads only what lies before them that it has not read.
   */
  offer(events: readonly RecordedEvent[]): void;
}

/**
 * Tells subscriptions that new events may exist. The store's own commits (its writer thread's) are
 * offered to them as committed; commits by other connections (the CLI, another process) are noticed by
 * polling `PRAGMA data_version`, which changes when any other connection commits, and costs no I/O.
 * The writer thread is another connection too: a change is only worth a read when the newest event is
 * past both what the writer committed and what was offered (a store taking this process's other commits
 * live is offered those). Another process's events below that lie between two offered commits, and a
 * subscription finds that gap when the later one is offered.
 */
export class SqliteChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private readonly dataVersion: Database.Statement<[], number>;
  private readonly head: Database.Statement<[], number>;
  private lastDataVersion = 0;
  private offeredUpTo = 0n;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    db: Database.Database,
    private readonly pollIntervalMs: number,
    private readonly ownCommits: CommittedPositionCell,
  ) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.head = db.prepare<[], number>('SELECT position FROM events ORDER BY position DESC LIMIT 1').pluck();
  }

  add(listener: ChangeListener): void {
    this.listeners.add(listener);
    if (this.timer === undefined) {
      this.lastDataVersion = this.dataVersion.get()!;
      this.timer = setInterval(() => this.poll(), this.pollIntervalMs);
    }
  }

  remove(listener: ChangeListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  /** Called with the events of each commit this store learns of as it is made: its own, and live ones of this process. */
  committed(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    const last = events[events.length - 1]!.position;
    if (last > this.offeredUpTo) this.offeredUpTo = last;
    for (const listener of this.listeners) listener.offer(events);
  }

  wakeAll(): void {
    for (const listener of this.listeners) listener.wake();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Looks once for other connections' commits; the timer calls it every pollIntervalMs while anyone listens. */
  poll(): void {
    try {
      const version = this.dataVersion.get()!;
      if (version === this.lastDataVersion) return;
      this.lastDataVersion = version;
      const head = this.head.get();
      if (head === undefined) return;
      const newest = BigInt(head);
      if (newest <= this.offeredUpTo || newest <= this.ownCommits.lastCommitted) return;
    } catch {
      // Let the subscriptions read: they hit the same failure and report it through onError.
    }
    this.wakeAll();
  }
}
