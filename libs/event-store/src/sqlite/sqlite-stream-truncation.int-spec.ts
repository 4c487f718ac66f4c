import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent, events, ids, record, uniqueStream, waitFor } from '../conformance/conformance-fixtures';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store';

// What the embedded store adds to the contract: truncated rows are gone (the point of truncating),
// from $all and subscriptions too, without costing positions or revisions their continuity.
describe('SqliteEventStore.truncateStreamBefore', () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyward-truncation-'));
    path = join(dir, 'events.db');
    store = openSqliteEventStore({ path, pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = (stream: string): number[] => {
    const db = new Database(path, { readonly: true });
    try {
      return db
        .prepare<[string], number>('SELECT revision FROM events WHERE stream = (SELECT id FROM streams WHERE name = ?) ORDER BY revision')
        .pluck()
        .all(stream);
    } finally {
      db.close();
    }
  };

  it('deletes the rows, so readAll and subscriptions no longer see them', async () => {
    const stream = uniqueStream();
    const appended = events(5);
    await store.append(stream, appended);
    await store.truncateStreamBefore(stream, 3);

    expect(rowsOf(stream)).toEqual([3, 4]);
    expect(ids(await store.readAll())).toEqual(ids(appended.slice(3)));
    const recording = record(store, undefined, [stream]);
    await waitFor(() => recording.caughtUp.length === 1, 'onCaughtUp');
    await recording.subscription.stop();
    expect(ids(recording.delivered)).toEqual(ids(appended.slice(3)));
  });

  it('keeps the last event past the end, so the newest position is never handed out again', async () => {
    const stream = uniqueStream();
    await store.append(stream, events(3));
    const newest = await store.headPosition();
    await store.truncateStreamBefore(stream, 10);

    expect(rowsOf(stream)).toEqual([2]);
    expect(await store.readStream(stream)).toEqual([]);
    const { position } = await store.append(uniqueStream(), [anEvent()]);
    expect(position > newest!).toBe(true);
  });

  it('may overtake appends queued before it; the stored point hides the same events either way', async () => {
    const stream = uniqueStream();
    await store.append(stream, events(1));
    // Not awaited: the appends wait for the next batch, the truncation goes to the writer thread at once.
    const first = store.append(stream, [anEvent()], { expectedRevision: 0 });
    const truncation = store.truncateStreamBefore(stream, 1);
    const second = store.append(stream, [anEvent()], { expectedRevision: 1 });
    await Promise.all([first, truncation, second]);
    expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([1, 2]);
  });

  it('survives a reopen: the point and the remaining rows are on disk', async () => {
    const stream = uniqueStream();
    await store.append(stream, events(2));
    await store.truncateStreamBefore(stream, 5);
    await store.close();
    store = openSqliteEventStore({ path });
    expect(await store.readStream(stream)).toEqual([]);
    await expect(store.append(stream, [anEvent()], { expectedRevision: 1 })).resolves.toMatchObject({ nextExpectedRevision: 2 });
  });
});
