import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEsdbEventStore, openSqliteEventStore, type EventStore, type RecordedEvent } from '@keyward/event-store';
import { esdbServerForTests, STORE_DEADLINES_FOR_TESTS } from '@keyward/testing/esdb-double';
import { ProjectionRunner } from '../runner/projection-runner';
import type { Projection } from '../runner/projection';
import { mapsRestart } from './maps-restart';
import { ReadModelSnapshotStore, type ReadModelSnapshot } from './read-model-snapshot-store';

/** Remembers every event it applied (the snapshotted state) and which ones it applied since this start. */
class SeenEvents implements Projection {
  readonly name = 'seen-events';
  readonly seen = new Map<string, string>();
  readonly sinceStart: string[] = [];
  readonly restart = mapsRestart({ seen: this.seen });
  apply(event: RecordedEvent): void {
    if (!event.streamName.startsWith('counted-')) return;
    this.seen.set(event.id, event.type);
    this.sinceStart.push(event.id);
  }
}

/** The real snapshot store, with the saves it was asked for (their position, and when they are stored). */
class WatchedSnapshots extends ReadModelSnapshotStore {
  readonly saves: { position: bigint; stored: Promise<void> }[] = [];
  override save(snapshot: ReadModelSnapshot): Promise<void> {
    const stored = super.save(snapshot);
    this.saves.push({ position: snapshot.position, stored });
    return stored;
  }
}

const stores: [string, () => Promise<{ store: EventStore; dispose(): Promise<void> }>][] = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'keyward-snapshot-count-'));
      const store = openSqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
      return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  ],
  [
    'esdb',
    async () => {
      const server = await esdbServerForTests();
      const store = openEsdbEventStore({ connectionString: server.connectionString, ...STORE_DEADLINES_FOR_TESTS });
      return { store, dispose: async () => (await store.close(), await server.dispose()) };
    },
  ],
];

describe.each(stores)('read-model snapshots by event count (%s)', (_name, open) => {
  let store: EventStore;
  let dispose: () => Promise<void>;
  const runners: ProjectionRunner[] = [];
  beforeEach(async () => ({ store, dispose } = await open()));
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await dispose();
  });

  const EVERY = 4;
  const appended: string[] = [];
  /** Appends one event at a time; returns the position of the last (not the head: a snapshot may follow at once). */
  async function append(count: number, stream = 'counted-1'): Promise<bigint> {
    let position = 0n;
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      if (stream.startsWith('counted-')) appended.push(id);
      ({ position } = await store.append(stream, [{ id, type: 'Counted', data: { i }, metadata: {} }]));
    }
    return position;
  }
  async function started(snapshots: ReadModelSnapshotStore): Promise<{ runner: ProjectionRunner; seen: SeenEvents }> {
    const seen = new SeenEvents();
    // The timer never fires within the test: only the count can take a snapshot.
    const runner = new ProjectionRunner({
      store,
      projections: [seen],
      logger: { error: (message, error) => console.error(message, error) },
      snapshots,
      snapshotEveryMs: 3_600_000,
      snapshotEveryEvents: EVERY,
    });
    runners.push(runner);
    await runner.start();
    return { runner, seen };
  }
  beforeEach(() => void appended.splice(0));

  it('takes one once that many events changed the read models, and a start without a stop (a crash) applies only the tail', async () => {
    const snapshots = new WatchedSnapshots(store);
    const { runner, seen } = await started(snapshots);
    await runner.waitFor(await append(EVERY - 1));
    expect(snapshots.saves).toHaveLength(0);

    const fourth = await append(1);
    await runner.waitFor(fourth);
    expect(snapshots.saves.map((save) => save.position)).toEqual([fourth]);
    await snapshots.saves[0]!.stored;

    // Checkpoint streams (the snapshot's own chunks and marker, the relay's) change no read model: no snapshot follows them.
    await runner.waitFor(await append(EVERY, 'checkpoint_audit-relay'));
    expect(snapshots.saves).toHaveLength(1);

    const tail = await append(2);
    await runner.waitFor(tail);
    // The first runner is never stopped, so it stores no last snapshot: the next start is what follows a SIGKILL.
    const restarted = await started(new ReadModelSnapshotStore(store));
    await restarted.runner.waitFor(tail);
    expect(restarted.runner.restoredFrom).toBe(fourth);
    expect(restarted.seen.sinceStart).toEqual(appended.slice(EVERY));
    expect([...restarted.seen.seen]).toEqual([...seen.seen]);
    expect(restarted.seen.seen.size).toBe(EVERY + 2);
  });
});
