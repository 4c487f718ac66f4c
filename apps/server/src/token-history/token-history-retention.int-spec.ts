import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointStream } from '@keyward/audit';
import { tokenIssuanceStream } from '@keyward/domain';
import { openEsdbEventStore, openSqliteEventStore, type EventStore, type EventToAppend } from '@keyward/event-store';
import { esdbServerForTests } from '@keyward/testing/esdb-double';
import { TokenHistoryRetention } from './token-history-retention';

const DAY_MS = 86_400_000;
const org = randomUUID();
const issued = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'AccessTokenIssued',
  data: { jti: `jti-${n}`, organizationId: org },
  metadata: { schemaVersion: 1 },
});
const entity = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'ServiceAccountRenamed',
  data: { name: `n${n}`, organizationId: org },
  metadata: {},
});

const stores: [string, () => Promise<{ store: EventStore; dispose(): Promise<void>; path?: string }>][] = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'keyward-retention-'));
      const path = join(dir, 'events.sqlite');
      const store = openSqliteEventStore({ path });
      return { store, path, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  ],
  [
    'esdb',
    async () => {
      const server = await esdbServerForTests();
      const store = openEsdbEventStore({ connectionString: server.connectionString });
      return { store, dispose: async () => (await store.close(), await server.dispose()) };
    },
  ],
];

describe.each(stores)('token-history retention (%s)', (_name, open) => {
  let store: EventStore;
  let dispose: () => Promise<void>;
  let path: string | undefined;
  beforeEach(async () => ({ store, dispose, path } = await open()));
  afterEach(() => dispose());

  const tokens = tokenIssuanceStream(org);
  const relayPublishedUpTo = (position: bigint) =>
    store.append(checkpointStream('audit-relay'), [
      { id: randomUUID(), type: 'CheckpointStored', data: { position: position.toString(), relayInstanceId: 'r' }, metadata: {} },
    ]);
  const retention = (clockMs: number, step?: number) =>
    new TokenHistoryRetention({ store, clock: () => new Date(clockMs), retentionDays: 30, organizationIds: () => [org], step });
  const jtis = async () => (await store.readStream(tokens)).map((event) => (event.data as { jti: string }).jti);

  async function history(count: number): Promise<bigint[]> {
    const positions: bigint[] = [];
    for (let n = 0; n < count; n++) positions.push((await store.append(tokens, [issued(n)])).position);
    return positions;
  }

  it('removes nothing before the relay ever checkpointed, however old the history', async () => {
    await history(5);
    const run = await retention(Date.now() + 365 * DAY_MS).run();
    expect(run).toMatchObject({ publishedUpTo: undefined, truncated: 0 });
    expect(await jtis()).toHaveLength(5);
  });

  it('never removes what the relay has not published, even long past the window', async () => {
    const positions = await history(10);
    await relayPublishedUpTo(positions[5]!);
    const run = await retention(Date.now() + 31 * DAY_MS, 2).run();
    expect(run.truncated).toBe(6);
    expect(await jtis()).toEqual(['jti-6', 'jti-7', 'jti-8', 'jti-9']);
  });

  it('keeps what is inside the window though published; entity streams are never touched', async () => {
    const account = `service_account-${randomUUID()}`;
    await store.append(account, [entity(0), entity(1)]);
    const positions = await history(4);
    await relayPublishedUpTo(positions[3]!);
    expect((await retention(Date.now() + 29 * DAY_MS).run()).truncated).toBe(0);
    expect(await jtis()).toHaveLength(4);
    // Past the window: everything published goes, but the last event stays (it carries the revision).
    expect((await retention(Date.now() + 31 * DAY_MS).run()).truncated).toBe(3);
    expect(await jtis()).toEqual(['jti-3']);
    expect(await store.readStream(account)).toHaveLength(2);
    const next = await store.append(tokens, [issued(4)]);
    expect(next.nextExpectedRevision).toBe(4);
    // jti-3 is no longer the last, and was published; jti-4 was not.
    expect((await retention(Date.now() + 31 * DAY_MS).run()).truncated).toBe(1);
    expect(await jtis()).toEqual(['jti-4']);
    expect((await retention(Date.now() + 31 * DAY_MS).run()).truncated).toBe(0);
  });

  it('gives the space back to the file system on SQLite', async () => {
    if (!path) return;
    const positions = await history(0);
    for (let batch = 0; batch < 20; batch++)
      positions.push(
        ...(await Promise.all(
          Array.from({ length: 100 }, (_, i) => store.append(tokens, [issued(batch * 100 + i)]).then((r) => r.position)),
        )),
      );
    await relayPublishedUpTo(positions.reduce((a, b) => (a > b ? a : b)));
    // Closing the last connection moves the WAL into the file: compare the file itself.
    const fileSize = async () => {
      await store.close();
      store = openSqliteEventStore({ path: path! });
      return statSync(path!).size;
    };
    const sizeBefore = await fileSize();
    expect((await retention(Date.now() + 31 * DAY_MS, 500).run()).truncated).toBe(1999);
    expect(await fileSize()).toBeLessThan(sizeBefore / 4);
    await store.close();
  });
});
