import { openSqliteEventStore, type SqliteEventStore } from '@keyward/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A SQLite event store in a fresh directory; `dispose` closes it and deletes the directory. */
export function openTempEventStore(): { store: SqliteEventStore; path: string; dir: string; dispose(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-audit-'));
  const path = join(dir, 'events.sqlite');
  const store = openSqliteEventStore({ path, pollIntervalMs: 20 });
  return {
    store,
    path,
    dir,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
