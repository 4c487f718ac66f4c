import type { KeywardConfig } from '@keyward/config';
import { openEsdbEventStore, openSqliteEventStore, withUpcasting, type EventStore } from '@keyward/event-store';
import { EVENT_UPCASTERS } from './event-upcasters';
import { StoreSubscriptionFailures } from './store-subscription-failures';

/** The configured adapter (SQLite in DATA_DIR, or EventStoreDB), behind the schema-version layer. */
export function openConfiguredEventStore(
  config: Pick<KeywardConfig, 'eventStore'>,
  failures = new StoreSubscriptionFailures(),
  /** SQLite: take the commits of the other stores on this file in this process live (the relay thread does). */
  options: { readonly liveCommitsFromThisProcess?: boolean } = {},
): EventStore {
  const store =
    config.eventStore.kind === 'sqlite'
      ? openSqliteEventStore({ path: config.eventStore.path, liveCommitsFromThisProcess: options.liveCommitsFromThisProcess })
      : openEsdbEventStore({
          connectionString: config.eventStore.url,
          callTimeoutMs: config.eventStore.callTimeoutMs,
          readTimeoutMs: config.eventStore.readTimeoutMs,
          onSubscriptionFailure: failures.record,
        });
  return withUpcasting(store, EVENT_UPCASTERS);
}
