import Database from 'better-sqlite3';
import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
import { appendsFromWire, type AppendsOnWire } from './append-request-wire';
import { outcomesToWire } from './batch-outcome-wire';
import { type AppendOutcome, SqliteBatchWriter } from './sqlite-batch-writer';
import { type CommitMessage, commitChannelName, committedRowsToWire } from './sqlite-commit-broadcast';
import { CommittedPositionCell } from './committed-position-cell';
import { configureConnection } from './sqlite-schema';
import { SqliteStreamTruncation } from './sqlite-stream-truncation';

/**
 * The write side of the embedded store, on its own thread with its own connection: the commit's
 * fsync no longer blocks the event loop that serves the token endpoint. Requests run one at a time,
 * in the order they were posted, so a truncation is serialized with the append batches.
 */
export interface WriterWorkerData {
  readonly path: string;
  readonly busyTimeoutMs: number;
  /** Names this writer's commits on the file's commit channel. */
  readonly writerId: string;
  /** CommittedPositionCell's memory: where this writer says how far it has committed. */
  readonly committedPosition: SharedArrayBuffer;
}

export interface WriteRequest {
  readonly kind: 'append';
  readonly requestId: number;
  readonly appends: AppendsOnWire;
  readonly now: number;
}

export interface TruncateRequest {
  readonly kind: 'truncate';
  readonly requestId: number;
  readonly stream: string;
  readonly before: number;
}

export type WriterRequest = WriteRequest | TruncateRequest;

const { path, busyTimeoutMs, writerId, committedPosition } = workerData as WriterWorkerData;
const committed = new CommittedPositionCell(committedPosition);
const db = new Database(path);
configureConnection(db, busyTimeoutMs);
const writer = new SqliteBatchWriter(db);
const truncation = new SqliteStreamTruncation(db);
// Posting with no store listening costs ~0.6 µs an event.
const commits = new BroadcastChannel(commitChannelName(path));
commits.unref();

parentPort!.on('message', (request: WriterRequest | 'close') => {
  if (request === 'close') {
    commits.close();
    db.close();
    parentPort!.close();
    return;
  }
  try {
    if (request.kind === 'truncate') {
      truncation.truncate(request.stream, request.before);
      parentPort!.postMessage({ requestId: request.requestId, done: true });
      return;
    }
    const appends = appendsFromWire(request.appends);
    const outcomes = writer.write(appends, request.now);
    const last = lastPositionOf(outcomes);
    if (last !== undefined) committed.committed(last);
    parentPort!.postMessage({ requestId: request.requestId, outcomes: outcomesToWire(outcomes) });
    const rows = committedRowsToWire(appends, outcomes);
    if (rows.length > 0) commits.postMessage({ writer: writerId, recordedAt: request.now, rows } satisfies CommitMessage);
  } catch (cause) {
    // better-sqlite3 rolls back on a throw, but a failed COMMIT may leave the transaction open.
    if (db.open && db.inTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // the next BEGIN surfaces the fault
      }
    }
    parentPort!.postMessage({ requestId: request.requestId, failure: String(cause) });
  }
});

function lastPositionOf(outcomes: readonly AppendOutcome[]): bigint | undefined {
  let last: bigint | undefined;
  for (const outcome of outcomes) if (outcome.ok && (last === undefined || outcome.result.position > last)) last = outcome.result.position;
  return last;
}
