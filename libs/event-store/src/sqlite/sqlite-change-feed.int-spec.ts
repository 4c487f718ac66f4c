import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../port/event-store.port';
import { CommittedPositionCell } from './committed-position-cell';
import { type ChangeListener, SqliteChangeFeed } from './sqlite-change-feed';
import { configureConnection, migrate } from './sqlite-schema';

const NEVER_POLL_MS = 3_600_000;

describe('SqliteChangeFeed polling', () => {
  let dir: string;
  let reading: Database.Database;
  let writing: Database.Database;
  let feed: SqliteChangeFeed;
  const writerCommits = new CommittedPositionCell();
  let wakes = 0;
  const listener: ChangeListener = { wake: () => void wakes++, offer: () => undefined };

  // A row as another connection commits it (the store's own writer thread, or another process).
  let rows = 0;
  const commitRow = (): bigint => {
    rows++;
    const info = writing
      .prepare('INSERT INTO events (id, stream, revision, type, body, recorded_at) VALUES (?, 1, ?, 1, ?, 0)')
      .run(`id-${rows}`, rows, Buffer.from('0{}\n{}'));
    return BigInt(info.lastInsertRowid);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyward-feed-'));
    const path = join(dir, 'events.sqlite');
    reading = new Database(path);
    configureConnection(reading, 1000);
    migrate(reading);
    writing = new Database(path);
    configureConnection(writing, 1000);
    feed = new SqliteChangeFeed(reading, NEVER_POLL_MS, writerCommits);
    wakes = 0;
    feed.add(listener);
  });
  afterEach(() => {
    feed.stop();
    reading.close();
    writing.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('wakes no one for what the store’s own writer committed, which is offered instead', () => {
    writerCommits.committed(commitRow());
    writerCommits.committed(commitRow());
    feed.poll();
    feed.poll();
    expect(wakes).toBe(0);
  });

  it('wakes no one for the commits it was offered live (another store of this process)', () => {
    const position = commitRow();
    feed.committed([{ position } as RecordedEvent]);
    feed.poll();
    expect(wakes).toBe(0);
  });

  it('wakes its listeners when another connection committed past the writer, once per change', () => {
    writerCommits.committed(commitRow());
    commitRow(); // another process's
    feed.poll();
    expect(wakes).toBe(1);
    feed.poll();
    expect(wakes).toBe(1);
    // Another process's event below the writer's next commit is found by the offer's gap, not by polling.
    commitRow();
    writerCommits.committed(commitRow());
    feed.poll();
    expect(wakes).toBe(1);
  });
});
