import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent, uniqueStream, waitFor } from '../conformance/conformance-fixtures';
import type { RecordedEvent } from '../port/event-store.port';
import { openSqliteEventStore, type SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

/** Stores opened on one fresh file per test, all closed after it. */
function storesOnOneFile(defaults: Partial<SqliteEventStoreOptions>) {
  let dir: string;
  const opened: SqliteEventStore[] = [];
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keyward-live-'))));
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  const path = () => join(dir, 'events.sqlite');
  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = openSqliteEventStore({ path: path(), ...defaults, ...options });
    opened.push(store);
    return store;
  };
  return { open, path };
}

describe('SQLite live delivery of this process’s commits', () => {
  const { open } = storesOnOneFile({ pollIntervalMs: 10 });

  it('delivers exactly what a read returns, in order, with another process writing in between', async () => {
    const [mine, other] = [open(), open()];
    const seen: RecordedEvent[] = [];
    const subscription = mine.subscribeToAll({}, { onEvent: (event) => void seen.push(event) });
    const stream = uniqueStream();
    for (let round = 0; round < 20; round++) {
      // Group commits of several appends (one of several events), and a foreign commit leaving a gap.
      await Promise.all([
        mine.append(stream, [anEvent(), anEvent()]),
        mine.append(uniqueStream(), [{ ...anEvent(), data: { round, nested: { list: [1, 'two', null] } } }]),
      ]);
      if (round % 3 === 0) await other.append(uniqueStream(), [anEvent()]);
    }
    const all = await mine.readAll();
    await waitFor(() => seen.length === all.length, 'every event delivered');
    await subscription.stop();
    expect(seen).toStrictEqual(all);
  });

  it('delivers what a read returns of what was appended, not the appended objects: dates, left-out members, later changes', async () => {
    const store = open();
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({}, { onEvent: (event) => void seen.push(event) });
    const data = { at: new Date(0), list: [1, undefined, NaN], skipped: undefined, nested: { n: 1 } };
    const plain = { scopes: ['a'], nested: { n: 1 }, minusZero: -0 };
    const metadata = { correlationId: 'c', at: new Date(0) };
    const appended = store.append(uniqueStream(), [
      { ...anEvent(), data, metadata },
      { ...anEvent(), data: plain },
    ]);
    // Changed after the append was accepted: neither the stored row nor the delivered event may show it.
    plain.scopes.push('b');
    plain.nested.n = 2;
    data.nested.n = 2;
    await appended;
    await waitFor(() => seen.length === 2, 'both events delivered');
    await subscription.stop();
    const read = await store.readAll();
    expect(seen).toStrictEqual(read);
    expect(read.map((event) => event.data)).toStrictEqual([
      { at: '1970-01-01T00:00:00.000Z', list: [1, null, null], nested: { n: 1 } },
      { scopes: ['a'], nested: { n: 1 }, minusZero: 0 },
    ]);
    expect(read[0]!.metadata).toStrictEqual({ correlationId: 'c', at: '1970-01-01T00:00:00.000Z' });
  });
});

// A live commit from another store keeps its stored JSON besides and parses it on first read: held to a read by
// the members a read has.
const asRead = (event: RecordedEvent): RecordedEvent => ({
  id: event.id,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
  streamName: event.streamName,
  revision: event.revision,
  position: event.position,
  recordedAt: event.recordedAt,
  jsonLength: event.jsonLength,
});

// No polling within a test's lifetime: whatever the listener delivers came from the commit channel
// (or from a read that an out-of-order offer made it do).
const NEVER_POLL_MS = 3_600_000;

describe('SQLite commits shared live between stores of one process (the embedded relay thread)', () => {
  const files = storesOnOneFile({ pollIntervalMs: NEVER_POLL_MS });
  const open = files.open;

  it('delivers another store’s commits as committed, exactly what a read returns, without polling', async () => {
    const server = open();
    const relay = open({ liveCommitsFromThisProcess: true });
    const seen: RecordedEvent[] = [];
    const subscription = relay.subscribeToAll({}, { onEvent: (event) => void seen.push(event) });
    for (let round = 0; round < 10; round++) {
      await Promise.all([
        server.append(uniqueStream(), [anEvent(), anEvent()]),
        server.append(uniqueStream(), [{ ...anEvent(), data: { round, nested: { list: [1, 'two', null] } } }]),
      ]);
      // The listener's own commits (a relay checkpoint) reach it from its append's reply, not twice.
      if (round % 4 === 0) await relay.append(uniqueStream(), [anEvent()]);
    }
    const all = await server.readAll();
    await waitFor(() => seen.length === all.length, 'every event delivered');
    await subscription.stop();
    expect(seen.map(asRead)).toStrictEqual(all);
  });

  it('hands another store’s commits over with their stored JSON as written, parsed once on first read', async () => {
    const server = open();
    const relay = open({ liveCommitsFromThisProcess: true });
    const seen: RecordedEvent[] = [];
    const subscription = relay.subscribeToAll({}, { onEvent: (event) => void seen.push(event) });
    const data = { at: new Date(0), list: [1, undefined, NaN], quote: 'a"b\\c', unicode: 'é😀', nested: { n: -0 } };
    const metadata = { correlationId: 'c', skipped: undefined };
    await server.append(uniqueStream(), [{ ...anEvent(), data, metadata }]);
    await waitFor(() => seen.length === 1, 'the commit delivered');
    await subscription.stop();
    const [live] = seen;
    expect(live!.storedJson).toStrictEqual({ data: JSON.stringify(data), metadata: JSON.stringify(metadata) });
    expect(live!.data).toStrictEqual(JSON.parse(JSON.stringify(data)));
    expect(live!.metadata).toStrictEqual({ correlationId: 'c' });
    // Parsed once: a second read is the same object.
    expect(live!.data).toBe(live!.data);
    expect(live!.metadata).toBe(live!.metadata);
    expect(asRead(live!)).toStrictEqual((await server.readAll())[0]);
  });

  it('reads what another process committed in between, once the next offer does not follow on', async () => {
    const path = files.path();
    const server = open();
    const relay = open({ liveCommitsFromThisProcess: true });
    const seen: RecordedEvent[] = [];
    const subscription = relay.subscribeToAll({}, { onEvent: (event) => void seen.push(event) });
    await server.append(uniqueStream(), [anEvent()]);
    await waitFor(() => seen.length === 1, 'the first commit delivered');
    // Another process (the CLI, say) commits: nothing is posted on this process's channel for it.
    const storeModule = join(__dirname, 'sqlite-event-store.ts');
    execFileSync(process.execPath, [
      '-r',
      '@swc-node/register',
      '-e',
      `require(${JSON.stringify(storeModule)}).openSqliteEventStore({ path: ${JSON.stringify(path)} })` +
        `.append('cli-stream', [{ id: require('node:crypto').randomUUID(), type: 'ByTheCli', data: {} }])` +
        `.finally(() => process.exit(0))`,
    ]);
    await server.append(uniqueStream(), [anEvent()]);
    const all = await server.readAll();
    expect(all.map((event) => event.type)).toContain('ByTheCli');
    await waitFor(() => seen.length === all.length, 'the foreign commit read, then the next one delivered');
    await subscription.stop();
    expect(seen.map(asRead)).toStrictEqual(all);
  });
});
