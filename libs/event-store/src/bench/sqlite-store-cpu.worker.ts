// The embedded audit relay's side of sqlite-store-cpu.bench.ts: a store on the same file that takes the commits live.
import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { storeModule, path, checkpointEveryMs } = workerData as { storeModule: string; path: string; checkpointEveryMs: number };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { openSqliteEventStore } = require(storeModule) as typeof import('../sqlite/sqlite-event-store');
const store = openSqliteEventStore({ path, liveCommitsFromThisProcess: true });
store.subscribeToAll({}, { onEvent: () => undefined });
// Like the relay's checkpoints: commits of another connection between the appender's own.
if (checkpointEveryMs > 0) {
  setInterval(
    () => void store.append('checkpoint_bench', [{ id: randomUUID(), type: 'Checkpointed', data: {}, metadata: {} }]),
    checkpointEveryMs,
  );
}
// The bench tells this thread's CPU apart from the writer's by its thread id.
parentPort!.postMessage(readlinkSync('/proc/thread-self').split('/').pop());
