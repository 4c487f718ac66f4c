import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { toWire } from './batch-outcome-wire';
import type { PendingAppend } from './pending-append';
import { SqliteBatchWriter } from './sqlite-batch-writer';
import { configureConnection } from './sqlite-schema';

/**
 * The write side of the embedded store, on its own thread with its own connection: the commit's
 * fsync no longer blocks the event loop that serves the token endpoint.
 */
export interface WriterWorkerData {
  readonly path: string;
  readonly busyTimeoutMs: number;
}

export interface WriteRequest {
  readonly batchId: number;
  readonly appends: readonly Pick<PendingAppend, 'stream' | 'events' | 'expected'>[];
  readonly now: number;
}

const { path, busyTimeoutMs } = workerData as WriterWorkerData;
const db = new Database(path);
configureConnection(db, busyTimeoutMs);
const writer = new SqliteBatchWriter(db);

parentPort!.on('message', (request: WriteRequest | 'close') => {
  if (request === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    const outcomes = writer.write(request.appends as PendingAppend[], request.now);
    parentPort!.postMessage({ batchId: request.batchId, outcomes: outcomes.map(toWire) });
  } catch (cause) {
    // better-sqlite3 rolls back on a throw, but a failed COMMIT may leave the transaction open.
    if (db.open && db.inTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // the next BEGIN surfaces the fault
      }
    }
    parentPort!.postMessage({ batchId: request.batchId, failure: String(cause) });
  }
});
