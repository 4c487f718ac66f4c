import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from './sqlite-event-store';

// The schema of version 2, as files written before compact rows hold it.
const VERSION_2 = `
  CREATE TABLE events (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, revision INTEGER NOT NULL,
    type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at INTEGER NOT NULL, UNIQUE (stream, revision)) STRICT;
  CREATE TABLE stream_truncations (stream TEXT PRIMARY KEY, before INTEGER NOT NULL) STRICT, WITHOUT ROWID;
  PRAGMA user_version = 2;`;

describe('SQLite compact rows', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyward-compact-'));
    path = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates a version-2 file: same events, ids, positions and revisions; appends continue after them', async () => {
    const legacy = new Database(path);
    legacy.exec(VERSION_2);
    const uuid = randomUUID();
    const insert = legacy.prepare(
      'INSERT INTO events (position, id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(3, uuid, 'service_account-a', 0, 'ServiceAccountCreated', '{"name":"ä \\n x"}', '{"actor":"admin:1"}', 1_700_000_000_000);
    insert.run(7, 'not-a-uuid', 'service_account-a', 1, 'ServiceAccountRenamed', '{"name":"b"}', '{}', 1_700_000_000_500);
    insert.run(9, randomUUID(), 'token_issuance-o', 0, 'AccessTokenIssued', '{"jti":"j"}', '{"schemaVersion":1}', 1_700_000_001_000);
    legacy.close();

    const store = openSqliteEventStore({ path });
    try {
      const all = await store.readAll();
      expect(all.map((e) => [e.position, e.id, e.streamName, e.revision, e.type, e.data, e.metadata, e.recordedAt.getTime()])).toEqual([
        [3n, uuid, 'service_account-a', 0, 'ServiceAccountCreated', { name: 'ä \n x' }, { actor: 'admin:1' }, 1_700_000_000_000],
        [7n, 'not-a-uuid', 'service_account-a', 1, 'ServiceAccountRenamed', { name: 'b' }, {}, 1_700_000_000_500],
        [9n, all[2]!.id, 'token_issuance-o', 0, 'AccessTokenIssued', { jti: 'j' }, { schemaVersion: 1 }, 1_700_000_001_000],
      ]);
      const appended = await store.append(
        'service_account-a',
        [{ id: randomUUID(), type: 'ServiceAccountRenamed', data: { name: 'c' }, metadata: {} }],
        { expectedRevision: 1 },
      );
      expect(appended).toEqual({ nextExpectedRevision: 2, position: 10n });
      await expect(store.append('x', [{ id: uuid, type: 'T', data: {}, metadata: {} }])).rejects.toThrow('already exists');
    } finally {
      await store.close();
    }
    const migrated = new Database(path, { readonly: true });
    expect(migrated.pragma('auto_vacuum', { simple: true })).toBe(2);
    migrated.close();
  });

  it('keeps a canonical UUID and a text id apart, and reads both back as written', async () => {
    const store = openSqliteEventStore({ path });
    try {
      const uuid = randomUUID();
      await store.append('s', [
        { id: uuid, type: 'A', data: { n: 1 }, metadata: {} },
        { id: uuid.replaceAll('-', '').slice(0, 16), type: 'A', data: { n: 2 }, metadata: {} },
        { id: uuid.toUpperCase(), type: 'A', data: { n: 3 }, metadata: {} },
      ]);
      expect((await store.readStream('s')).map((e) => e.id)).toEqual([uuid, uuid.replaceAll('-', '').slice(0, 16), uuid.toUpperCase()]);
    } finally {
      await store.close();
    }
  });
});
