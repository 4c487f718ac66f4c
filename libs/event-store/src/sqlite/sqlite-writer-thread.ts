import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fromWire, type WireOutcome } from './batch-outcome-wire';
import type { PendingAppend } from './pending-append';
import type { AppendOutcome } from './sqlite-batch-writer';
import type { WriteRequest, WriterWorkerData } from './sqlite-writer-worker';

type Reply = { batchId: number; outcomes: WireOutcome[] } | { batchId: number; failure: string };

/** Sends batches to the writer worker, one at a time; resolves with each append's outcome once committed. */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (o: AppendOutcome[]) => void; reject: (e: Error) => void }>();
  private nextBatchId = 0;

  constructor(data: WriterWorkerData) {
    // Run as TypeScript from source (npm start, Jest) or as JavaScript from a build.
    const entry = join(__dirname, `sqlite-writer-worker${extname(__filename)}`);
    this.worker = new Worker(entry, { workerData: data, execArgv: entry.endsWith('.ts') ? ['-r', '@swc-node/register'] : [] });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.batchId);
      if (!waiter) return;
      this.waiting.delete(reply.batchId);
      if ('failure' in reply) waiter.reject(new Error(reply.failure));
      else waiter.resolve(reply.outcomes.map(fromWire));
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the writer thread exited (${code})`)));
  }

  write(batch: readonly PendingAppend[], now: number): Promise<AppendOutcome[]> {
    const batchId = this.nextBatchId++;
    const request: WriteRequest = { batchId, now, appends: batch.map(({ stream, events, expected }) => ({ stream, events, expected })) };
    return new Promise((resolve, reject) => {
      this.waiting.set(batchId, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
