import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { openSqliteEventStore } from '@keyward/event-store/sqlite/sqlite-event-store';

/** The configured adapter: SQLite in DATA_DIR (embedded default) or EventStoreDB. */
export function openConfiguredEventStore(config: KeywardConfig): EventStore {
  if (config.eventStore.kind === 'sqlite') return openSqliteEventStore({ path: config.eventStore.path });
  // Loaded only when chosen, so the embedded default never loads the gRPC client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openEsdbEventStore } = require('@keyward/event-store/esdb/esdb-event-store') as typeof import('@keyward/event-store/esdb/esdb-event-store');
  return openEsdbEventStore({ connectionString: config.eventStore.url });
}
