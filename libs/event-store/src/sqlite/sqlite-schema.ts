import type Database from 'better-sqlite3';

/**
 * Ordered migrations; `PRAGMA user_version` records how many have run. Append only: a released
 * migration is never edited, because files in DATA_DIR outlive the code that created them.
 */
// A canonical (lowercase) UUID: stored as its 16 bytes, and read back in the same spelling.
const HEX = '[0-9a-f]';
const UUID_GLOB = `${HEX.repeat(8)}-${HEX.repeat(4)}-${HEX.repeat(4)}-${HEX.repeat(4)}-${HEX.repeat(12)}`;

const MIGRATIONS: readonly string[] = [
  // `position` aliases the rowid, so positions are assigned in commit order by the single writer.
  // No AUTOINCREMENT: the newest row is never deleted (truncation keeps every stream's last event),
  // so max(rowid)+1 never reuses a position, and we save the extra sqlite_sequence write on every insert.
  `CREATE TABLE events (
     position    INTEGER PRIMARY KEY,
     id          TEXT    NOT NULL UNIQUE,
     stream      TEXT    NOT NULL,
     revision    INTEGER NOT NULL,
     type        TEXT    NOT NULL,
     data        TEXT    NOT NULL,
     metadata    TEXT    NOT NULL,
     recorded_at INTEGER NOT NULL,
     UNIQUE (stream, revision)
   ) STRICT`,
  // truncateStreamBefore: the rows below `before` are deleted, but a stream's last event is kept (see
  // above), so reads of the stream still need the point to hide it when the truncation passed it.
  `CREATE TABLE stream_truncations (
     stream TEXT    PRIMARY KEY,
     before INTEGER NOT NULL
   ) STRICT, WITHOUT ROWID`,
  // Compact rows (~1 KB an issued token before, under 400 B after): stream and type names are
  // interned, a canonical UUID id is its 16 bytes, data and metadata share one body compressed with
  // a preset dictionary (sqlite-event-body.ts). Rows copied from version 2 keep a raw body.
  `CREATE TABLE streams (
     id   INTEGER PRIMARY KEY,
     name TEXT    NOT NULL UNIQUE
   ) STRICT;
   CREATE TABLE event_types (
     id   INTEGER PRIMARY KEY,
     name TEXT    NOT NULL UNIQUE
   ) STRICT;
   INSERT INTO streams (name) SELECT stream FROM events GROUP BY stream ORDER BY min(position);
   INSERT INTO event_types (name) SELECT DISTINCT type FROM events;
   CREATE TABLE events_compact (
     position    INTEGER PRIMARY KEY,
     id          ANY     NOT NULL UNIQUE,
     stream      INTEGER NOT NULL,
     revision    INTEGER NOT NULL,
     type        INTEGER NOT NULL,
     body        BLOB    NOT NULL,
     recorded_at INTEGER NOT NULL,
     UNIQUE (stream, revision)
   ) STRICT;
   INSERT INTO events_compact (position, id, stream, revision, type, body, recorded_at)
     SELECT e.position,
            CASE WHEN e.id GLOB '${UUID_GLOB}' THEN unhex(replace(e.id, '-', '')) ELSE e.id END,
            s.id, e.revision, t.id, CAST('0' || e.data || char(10) || e.metadata AS BLOB), e.recorded_at
       FROM events e JOIN streams s ON s.name = e.stream JOIN event_types t ON t.name = e.type;
   DROP TABLE events;
   ALTER TABLE events_compact RENAME TO events;`,
];

export function configureConnection(db: Database.Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  // Pruned token history gives its pages back to the file system (PRAGMA incremental_vacuum after
  // each truncation). Settable only on an empty file, before it turns to WAL; migrate() converts older files.
  if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  // FULL fsyncs the WAL on every commit: an append resolves only once it survives power loss.
  db.pragma('synchronous = FULL');
}

export function migrate(db: Database.Database): void {
  const fresh = (db.pragma('user_version', { simple: true }) as number) === 0;
  let ran = 0;
  // IMMEDIATE so two processes opening a fresh file cannot both run the same migration.
  db.transaction(() => {
    const applied = db.pragma('user_version', { simple: true }) as number;
    if (applied > MIGRATIONS.length) {
      throw new Error(`event store schema version ${applied} is newer than this build knows (${MIGRATIONS.length})`);
    }
    for (let version = applied; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version]!);
    }
    if (applied < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
    ran = MIGRATIONS.length - applied;
  }).immediate();
  // A file from before compact rows: one VACUUM rewrites it compactly and turns incremental vacuum on.
  if (!fresh && ran > 0 && (db.pragma('auto_vacuum', { simple: true }) as number) !== INCREMENTAL) {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  }
}

const INCREMENTAL = 2;
