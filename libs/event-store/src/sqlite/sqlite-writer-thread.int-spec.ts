import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CommittedPositionCell } from './committed-position-cell';
import { serializeEvents, type PendingAppend } from './pending-append';
import { openSqliteEventStore } from './sqlite-event-store';
import { SqliteWriterThread, type WorkerSpawner } from './sqlite-writer-thread';

const append = (stream: string): PendingAppend => ({
  stream,
  events: serializeEvents([{ id: randomUUID(), type: 'Tested', data: {}, metadata: {} }]),
  expected: 'any',
  resolve: () => undefined,
  reject: () => undefined,
});

describe('SqliteWriterThread when its worker dies', () => {
  it('fails the requests the dead worker held and starts a new worker for the next ones', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keyward-writer-')), 'events.sqlite');
    await openSqliteEventStore({ path }).close(); // creates the schema
    const workers: Worker[] = [];
    const spawn: WorkerSpawner = (entry, options) => {
      const worker = new Worker(entry, options);
      workers.push(worker);
      return worker;
    };
    const thread = new SqliteWriterThread(
      { path, busyTimeoutMs: 1000, writerId: 'writer-under-test', committedPosition: new CommittedPositionCell().buffer },
      spawn,
    );
    try {
      const [first] = await thread.write([append('s-1')], Date.now());
      expect(first.ok).toBe(true);

      // The worker ends (as a native crash would end it) with a request handed to it and not answered.
      const ending = workers[0].terminate();
      const held = thread.write([append('s-2')], Date.now());
      await ending;
      await expect(held).rejects.toThrow(/writer thread exited/);

      const [after] = await thread.write([append('s-3')], Date.now());
      expect(after.ok).toBe(true);
      expect(workers).toHaveLength(2);
    } finally {
      await thread.close();
    }
    await expect(thread.write([append('s-4')], Date.now())).rejects.toThrow(/closed/);
  });
});
