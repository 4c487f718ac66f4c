import type Database from 'better-sqlite3';

import type { RecordedEvent } from '../port/event-store.port';

export interface ChangeListener {
  /** Something may have been appended; the listener re-reads from its own position. */
  wake(): void;
  /** This connection committed these events (position order): a listener right behind them takes them as they are, without a read. */
  offer(events: readonly RecordedEvent[]): void;
}

/**
 * Tells subscriptions that new events may exist. Commits on this connection wake them at once;
 * commits by other connections (the CLI, another process) are noticed by polling
 * `PRAGMA data_version`, which changes only when another connection commits, and costs no I/O.
 */
export class SqliteChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private readonly dataVersion: Database.Statement<[], number>;
  private lastDataVersion = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    db: Database.Database,
    private readonly pollIntervalMs: number,
  ) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
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

  /** Called after every commit on this connection. */
  committed(events: readonly RecordedEvent[]): void {
    for (const listener of this.listeners) listener.offer(events);
  }

  wakeAll(): void {
    for (const listener of this.listeners) listener.wake();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    let version: number;
    try {
      version = this.dataVersion.get()!;
    } catch {
      // Let the subscriptions read: they hit the same failure and report it through onError.
      this.wakeAll();
      return;
    }
    if (version === this.lastDataVersion) return;
    this.lastDataVersion = version;
    this.wakeAll();
  }
}
