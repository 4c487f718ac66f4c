import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import { EventStoreUnavailable } from '../port/event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscribeToAllOptions,
  SubscriptionHandlers,
} from '../port/event-store.port';
import { isValidExpectedRevision } from './expected-revision';
import { serializeEvents } from './pending-append';
import { type AppendBatchReport, SqliteAppendQueue } from './sqlite-append-queue';
import { SqliteChangeFeed } from './sqlite-change-feed';
import { CommittedPositionCell } from './committed-position-cell';
import { type CommitMessage, commitChannelName, rowsFromWire, toRecordedEvent } from './sqlite-commit-broadcast';
import { SqliteEventReader } from './sqlite-event-reader';
import { configureConnection, migrate } from './sqlite-schema';
import { SqliteSubscription } from './sqlite-subscription';
import { SqliteWriterThread } from './sqlite-writer-thread';

export interface SqliteEventStoreOptions {
  /** The database file; its directory is created if missing. */
  readonly path: string;
  /** How often subscriptions look for commits made by other connections. Default 100 ms. */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process's lock before its batch fails. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Events per catch-up read. Default 256. */
  readonly subscriptionPageSize?: number;
  /** Called after every write transaction, committed or failed (batch-size metrics, tests). */
  readonly onBatch?: (report: AppendBatchReport) => void;
  /**
   * Take the commits other stores on this file in this process make (the server's, for the embedded
   * audit relay's thread) as they are committed, rather than finding them by polling and reading them back.
   */
  readonly liveCommitsFromThisProcess?: boolean;
}

export class SqliteEventStore implements EventStore {
  private readonly reader: SqliteEventReader;
  private readonly queue: SqliteAppendQueue;
  private readonly writer: SqliteWriterThread;
  private readonly feed: SqliteChangeFeed;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly pageSize: number;
  private readonly commits: BroadcastChannel | undefined;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    options: Omit<SqliteEventStoreOptions, 'path'> = {},
  ) {
    this.reader = new SqliteEventReader(db);
    const ownCommits = new CommittedPositionCell();
    this.feed = new SqliteChangeFeed(db, options.pollIntervalMs ?? 100, ownCommits);
    // Writes go through their own connection on a worker thread; this connection only reads.
    const writerId = randomUUID();
    this.writer = new SqliteWriterThread(
      { path: db.name, busyTimeoutMs: options.busyTimeoutMs ?? 5000, writerId, committedPosition: ownCommits.buffer },
      undefined,
      // What a dying writer committed but never answered for is offered to no one: the subscriptions read it.
      () => this.feed.wakeAll(),
    );
    this.queue = new SqliteAppendQueue({
      writer: this.writer,
      onCommitted: (events) => this.feed.committed(events),
      onBatch: options.onBatch,
    });
    this.pageSize = options.subscriptionPageSize ?? 256;
    if (options.liveCommitsFromThisProcess) {
      this.commits = new BroadcastChannel(commitChannelName(db.name));
      this.commits.unref();
      this.commits.onmessage = (message) => {
        const { writer, recordedAt, rows } = (message as { data: CommitMessage }).data;
        // Its own commits it has from the append's reply; a gap (another process's commit) makes the subscription read.
        if (writer === writerId || this.closed) return;
        const at = new Date(recordedAt);
        this.feed.committed(rowsFromWire(rows).map((row) => toRecordedEvent(row, at)));
      };
    }
  }

  append(stream: string, events: readonly EventToAppend[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreUnavailable('the event store is closed'));
    const expected = options.expectedRevision ?? 'any';
    if (typeof stream !== 'string' || stream === '') return Promise.reject(new TypeError('stream must be a non-empty string'));
    if (!isValidExpectedRevision(expected)) return Promise.reject(new TypeError(`invalid expected revision ${String(expected)}`));
    let serialized;
    try {
      serialized = serializeEvents(events);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return new Promise((resolve, reject) => {
      this.queue.enqueue({ stream, events: serialized, expected, resolve, reject });
    });
  }

  async truncateStreamBefore(stream: string, revision: number): Promise<void> {
    if (this.closed) throw new EventStoreUnavailable('the event store is closed');
    if (typeof stream !== 'string' || stream === '') throw new TypeError('stream must be a non-empty string');
    if (!Number.isSafeInteger(revision) || revision < 0) throw new TypeError(`invalid truncation revision ${String(revision)}`);
    try {
      // The writer thread runs it between append batches, never inside one.
      await this.writer.truncate(stream, revision);
    } catch (cause) {
      throw new EventStoreUnavailable(`truncating ${stream} failed: ${String((cause as Error)?.message ?? cause)}`, { cause });
    }
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.read(() => this.reader.readStream(stream, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.read(() => this.reader.readAll(options));
  }

  async readAt(positions: readonly GlobalPosition[]): Promise<(RecordedEvent | undefined)[]> {
    return this.read(() => positions.map((position) => this.reader.readAt(position)));
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    return this.read(() => this.reader.headPosition());
  }

  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    if (this.closed) throw new EventStoreUnavailable('the event store is closed');
    const subscription = new SqliteSubscription({
      reader: this.reader,
      feed: this.feed,
      after: options.after ?? 0n,
      handlers,
      pageSize: this.pageSize,
      onEnded: (ended) => this.subscriptions.delete(ended),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Commits the appends already accepted, stops the subscriptions, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.drain();
    await this.writer.close();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.commits?.close();
    this.feed.stop();
    this.db.close();
  }

  private read<T>(query: () => T): T {
    if (this.closed) throw new EventStoreUnavailable('the event store is closed');
    try {
      return query();
    } catch (cause) {
      throw new EventStoreUnavailable(`read failed: ${String(cause)}`, { cause });
    }
  }
}

export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  try {
    configureConnection(db, options.busyTimeoutMs ?? 5000);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteEventStore(db, options);
}
