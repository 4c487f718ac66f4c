import type Database from 'better-sqlite3';

/**
 * Ordered migrations; `PRAGMA user_version` records how many have run. Append only: a released
 * migration is never edited, because files in DATA_DIR outlive the code that created them.
 */
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
];

export function configureConnection(db: Database.Database, busyTimeoutMs: number): void {
  db.pragma('journal_mode = WAL');
  // FULL fsyncs the WAL on every commit: an append resolves only once it survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
}

export function migrate(db: Database.Database): void {
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
  }).immediate();
}
