import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayClaimStream } from '@keyward/domain';
import { openEsdbEventStore, openSqliteEventStore, type EventStore } from '@keyward/event-store';
import { startEsdbTestServer, type EsdbTopology } from '@keyward/testing/esdb-double';
import { TestClock } from '@keyward/testing/test-clock';
import { EventStoreReplayGuard } from './event-store-replay-guard';
import { pruneReplayClaims } from './replay-claim-pruning';
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

describe('pruneReplayClaims', () => {
  const organizationId = '00000000-0000-4000-8000-00000000abcd';
  const claim = (jti: string, now: Date) => ({
    organizationId,
    kind: 'dpop' as const,
    scope: 'client-1',
    jti,
    until: new Date(now.getTime() + 330_000),
  });
  const visibleClaims = async (store: EventStore) => {
    let count = 0;
    for (let bucket = 0; bucket < 8; bucket++) count += (await store.readStream(replayClaimStream(organizationId, 'dpop', bucket))).length;
    return count;
  };

  const stores: Array<[string, () => Promise<{ store: EventStore; dispose: () => Promise<void> }>]> = [
    [
      'SQLite',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'keyward-replay-prune-'));
        const store = openSqliteEventStore({ path: join(dir, 'events.db') });
        return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
      },
    ],
    [
      'EventStoreDB double',
      async () => {
        const server = await startEsdbTestServer('single');
        const store = openEsdbEventStore({ connectionString: server.connectionString });
        return { store, dispose: async () => (await store.close(), await server.stop()) };
      },
    ],
  ];

  it.each(stores)('truncates expired claims on %s; the live ones still refuse a replay on a fresh replica', async (_name, open) => {
    const { store, dispose } = await open();
    try {
      const clock = new TestClock(Date.parse('2026-03-01T10:00:00Z'));
      const guard = new EventStoreReplayGuard({ store, clock: clock.now, maxPerOrganization: 1000 });
      for (let i = 0; i < 40; i++) expect(await guard.claim(claim(`old-${i}`, clock.now()))).toBe('claimed');
      // Past the DPoP horizon (360 s) and the clock skew allowance (60 s).
      clock.advance(421);
      for (let i = 0; i < 40; i++) expect(await guard.claim(claim(`new-${i}`, clock.now()))).toBe('claimed');
      const truncated = await pruneReplayClaims(store, guard.takeTouchedStreams(), clock.now());
      // Every bucket got new claims, so every old one goes (a stream's last event would stay).
      expect(truncated).toBe(40);
      expect(await visibleClaims(store)).toBe(40);
      const fresh = new EventStoreReplayGuard({ store, clock: clock.now, maxPerOrganization: 1000 });
      for (let i = 0; i < 40; i++) expect(await fresh.claim(claim(`new-${i}`, clock.now()))).toBe('replayed');
      expect(await fresh.claim(claim('another', clock.now()))).toBe('claimed');
    } finally {
      await dispose();
    }
  });
});

describe('EventStoreReplayGuard across a store outage (EventStoreDB double)', () => {
  it('fails closed while the store is down, then reads the stream again and still refuses a replay', async () => {
    const server = await startEsdbTestServer('single');
    const store = openEsdbEventStore({ connectionString: server.connectionString, callTimeoutMs: 1000 });
    try {
      const clock = new TestClock(Date.parse('2026-03-01T10:00:00Z'));
      const guard = new EventStoreReplayGuard({ store, clock: clock.now, maxPerOrganization: 100 });
      const claim = (jti: string) => ({
        organizationId: 'org-outage',
        kind: 'assertion' as const,
        scope: 'c',
        jti,
        until: new Date(clock.now().getTime() + 300_000),
      });
      expect(await guard.claim(claim('before'))).toBe('claimed');
      await server.stop();
      await expect(guard.claim(claim('during'))).rejects.toMatchObject({ name: 'EventStoreUnavailable' });
      await server.restart();
      // Back up: what it claimed before still counts, and the jti refused during the outage can be used now.
      expect(await guard.claim(claim('before'))).toBe('replayed');
      expect(await guard.claim(claim('during'))).toBe('claimed');
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
