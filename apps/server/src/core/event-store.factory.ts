import type { KeywardConfig } from '@keyward/config';
import { openEsdbEventStore, openSqliteEventStore, type EventStore } from '@keyward/event-store';

/** The configured adapter: SQLite in DATA_DIR (embedded default) or EventStoreDB. */
export function openConfiguredEventStore(config: KeywardConfig): EventStore {
  if (config.eventStore.kind === 'sqlite') return openSqliteEventStore({ path: config.eventStore.path });
  return openEsdbEventStore({ connectionString: config.eventStore.url });
}
