import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent, events, ids, uniqueStream } from '../conformance/conformance-fixtures';
import { describeEventStoreConformance, type EventStoreUnderTest } from '../conformance/event-store.conformance';
import { EventStoreUnavailable, WrongExpectedRevision } from '../port/event-store.errors';
import type { AppendBatchReport } from './sqlite-append-queue';
import { openSqliteEventStore, type SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'keyward-event-store-'));
}

describeEventStoreConformance('sqlite', async (): Promise<EventStoreUnderTest> => {
  const dir = tempDir();
  const path = join(dir, 'events.db');
  const handles = [openSqliteEventStore({ path })];
  return {
    store: handles[0]!,
    openAnother: async () => {
      const another = openSqliteEventStore({ path });
      handles.push(another);
      return another;
    },
    dispose: async () => {
      await Promise.all(handles.map((handle) => handle.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore', () => {
  let dir: string;
  let path: string;
  const opened: SqliteEventStore[] = [];
  const open = (options: Omit<SqliteEventStoreOptions, 'path'> = {}): SqliteEventStore => {
    const store = openSqliteEventStore({ path, ...options });
    opened.push(store);
    return store;
  };
  const batchesOf = (): { reports: AppendBatchReport[]; store: SqliteEventStore } => {
    const reports: AppendBatchReport[] = [];
    return { reports, store: open({ onBatch: (report) => reports.push(report) }) };
  };

  beforeEach(() => {
    dir = tempDir();
    path = join(dir, 'nested', 'dir', 'events.db');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the directory, and an empty store has no head', async () => {
    const store = open();
    expect(await store.headPosition()).toBeUndefined();
    expect(await store.readAll()).toEqual([]);
  });

  describe('group commit', () => {
    it('writes 500 concurrent appends in a handful of transactions', async () => {
      const { reports, store } = batchesOf();
      const results = await Promise.all(Array.from({ length: 500 }, () => store.append(uniqueStream(), [anEvent()])));

      expect(new Set(results.map((result) => result.position)).size).toBe(500);
      expect(reports.reduce((sum, report) => sum + report.appends, 0)).toBe(500);
      expect(reports.length).toBeLessThanOrEqual(2);
      expect(reports.every((report) => report.outcome === 'committed')).toBe(true);
    });

    it('gives appends awaited one by one a transaction each (the counter is honest)', async () => {
      const { reports, store } = batchesOf();
      for (let n = 0; n < 3; n++) await store.append(uniqueStream(), [anEvent()]);
      expect(reports.map((report) => report.appends)).toEqual([1, 1, 1]);
    });

    it('fails a wrong expected revision alone and commits the rest of the batch', async () => {
      const { reports, store } = batchesOf();
      const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
      const outcomes = await Promise.allSettled([
        store.append(a, [anEvent()], { expectedRevision: 'no_stream' }),
        store.append(b, events(2), { expectedRevision: 3 }),
        store.append(a, [anEvent()], { expectedRevision: 0 }),
        store.append(c, events(2), { expectedRevision: 'no_stream' }),
      ]);

      expect(reports).toHaveLength(1);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
      expect(await store.readStream(a)).toHaveLength(2);
      expect(await store.readStream(b)).toEqual([]);
      expect(await store.readStream(c)).toHaveLength(2);
    });

    it('fails an append with a duplicate event id alone, with none of its events', async () => {
      const { reports, store } = batchesOf();
      const existing = anEvent();
      await store.append(uniqueStream(), [existing]);
      const [bad, good] = [uniqueStream(), uniqueStream()];

      const outcomes = await Promise.allSettled([
        store.append(bad, [anEvent(), { ...anEvent(), id: existing.id }]),
        store.append(good, [anEvent()]),
      ]);

      expect(reports).toHaveLength(2);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
      expect(await store.readStream(bad)).toEqual([]);
      expect(await store.readStream(good)).toHaveLength(1);
    });

    it('rejects the whole batch with EventStoreUnavailable when the transaction fails, leaving nothing behind', async () => {
      const { reports, store } = batchesOf();
      // Fault injection through the real database: a trigger that aborts on one event type.
      const saboteur = new Database(path);
      saboteur.exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.type = (SELECT id FROM event_types WHERE name = 'Poison')
                     BEGIN SELECT RAISE(ABORT, 'poisoned'); END`);
      saboteur.close();
      const streams = [uniqueStream(), uniqueStream(), uniqueStream()];

      const outcomes = await Promise.allSettled([
        store.append(streams[0]!, [anEvent()]),
        store.append(streams[1]!, [anEvent('Poison')]),
        store.append(streams[2]!, [anEvent()]),
      ]);

      expect(reports.map((report) => report.outcome)).toEqual(['failed']);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        const reason = (outcome as PromiseRejectedResult).reason as EventStoreUnavailable;
        expect(reason).toBeInstanceOf(EventStoreUnavailable);
        expect(String(reason.cause)).toContain('poisoned');
      }
      expect(await store.readAll()).toEqual([]);
      await expect(store.append(streams[0]!, [anEvent()], { expectedRevision: 'no_stream' })).resolves.toBeDefined();
    });

    it('rejects with EventStoreUnavailable while another process holds the write lock, then recovers', async () => {
      const store = open({ busyTimeoutMs: 50 });
      const locker = new Database(path);
      locker.exec('BEGIN IMMEDIATE');
      try {
        await expect(store.append(uniqueStream(), [anEvent()])).rejects.toBeInstanceOf(EventStoreUnavailable);
      } finally {
        locker.exec('ROLLBACK');
        locker.close();
      }
      await expect(store.append(uniqueStream(), [anEvent()])).resolves.toBeDefined();
    });
  });

  it('keeps events across close and reopen, and positions keep increasing', async () => {
    const stream = uniqueStream();
    const first = open();
    const appended = events(3);
    const { position } = await first.append(stream, appended);
    await first.close();

    const reopened = open();
    expect(ids(await reopened.readStream(stream))).toEqual(ids(appended));
    const next = await reopened.append(stream, [anEvent()], { expectedRevision: 2 });
    expect(next.position > position).toBe(true);
  });

  it('serialises writers on two handles: no lost event, no shared position, revision checks hold', async () => {
    const [one, two] = [open(), open()];
    const shared = uniqueStream();
    const writes = Array.from({ length: 200 }, (_, n) => (n % 2 === 0 ? one : two).append(shared, [anEvent()]));
    const results = await Promise.all(writes);
    expect(new Set(results.map((result) => result.position)).size).toBe(200);
    expect((await one.readStream(shared)).map((event) => event.revision)).toEqual([...Array(200).keys()]);

    const contested = uniqueStream();
    await one.append(contested, [anEvent()]);
    const outcomes = await Promise.allSettled([
      one.append(contested, [anEvent()], { expectedRevision: 0 }),
      two.append(contested, [anEvent()], { expectedRevision: 0 }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses a file written by a newer schema', () => {
    open().close();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteEventStore({ path })).toThrow(/newer/);
  });

  it('rejects input it could never store without spoiling the batch', async () => {
    const store = open();
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const stream = uniqueStream();
    const outcomes = await Promise.allSettled([
      store.append(stream, [anEvent('Bad', circular)]),
      store.append(stream, []),
      store.append(stream, [anEvent()], { expectedRevision: -1 }),
      store.append(stream, [{ ...anEvent(), id: randomUUID(), data: undefined }]),
      store.append(stream, [anEvent()]),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'fulfilled']);
  });
});
