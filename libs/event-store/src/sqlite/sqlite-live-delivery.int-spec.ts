import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent, uniqueStream, waitFor } from '../conformance/conformance-fixtures';
import type { RecordedEvent } from '../port/event-store.port';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store';

describe('SQLite live delivery of this process’s commits', () => {
  let dir: string;
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = openSqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
    opened.push(store);
    return store;
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keyward-live-'))));
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

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
});
