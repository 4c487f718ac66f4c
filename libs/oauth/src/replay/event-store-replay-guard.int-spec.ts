import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEsdbEventStore, openSqliteEventStore, type EventStore } from '@keyward/event-store';
import { startEsdbTestServer, type EsdbTopology } from '@keyward/testing/esdb-double';
import { EventStoreReplayGuard } from './event-store-replay-guard';
import { describeReplayGuardContract } from './replay-guard.contract';

// Every guard() is a replica with its own connection to the one store.
describeReplayGuardContract('SQLite, replicas sharing one file', { shared: true }, async (clock) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-replay-'));
  const stores: EventStore[] = [];
  const open = () => {
    const store = openSqliteEventStore({ path: join(dir, 'events.db') });
    stores.push(store);
    return store;
  };
  return {
    guard: (maxPerOrganization) => new EventStoreReplayGuard({ store: open(), clock: clock.now, maxPerOrganization }),
    breakStore: async () => {
      await Promise.all(stores.map((store) => store.close()));
    },
    dispose: async () => {
      await Promise.all(stores.map((store) => store.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

for (const topology of ['single', 'cluster'] as EsdbTopology[]) {
  describeReplayGuardContract(`EventStoreDB double (${topology})`, { shared: true }, async (clock) => {
    const server = await startEsdbTestServer(topology);
    const stores: EventStore[] = [];
    let stopped = false;
    return {
      guard: (maxPerOrganization) => {
        const store = openEsdbEventStore({ connectionString: server.connectionString });
        stores.push(store);
        return new EventStoreReplayGuard({ store, clock: clock.now, maxPerOrganization });
      },
      breakStore: async () => {
        stopped = true;
        await server.stop();
      },
      dispose: async () => {
        await Promise.all(stores.map((store) => store.close()));
        if (!stopped) await server.stop();
      },
    };
  });
}
