import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fromWire, type WireOutcome } from './batch-outcome-wire';
import type { PendingAppend } from './pending-append';
import type { AppendOutcome } from './sqlite-batch-writer';
import type { WriterRequest, WriterWorkerData } from './sqlite-writer-worker';

type Reply =
  | { requestId: number; outcomes: WireOutcome[] }
  | { requestId: number; done: true }
  | { requestId: number; failure: string };

interface Waiter {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/** Sends requests to the writer worker, which runs them one at a time; each resolves once committed. */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiter>();
  private nextRequestId = 0;

  constructor(data: WriterWorkerData) {
    // Run as TypeScript from source (npm start, Jest) or as JavaScript from a build.
    const entry = join(__dirname, `sqlite-writer-worker${extname(__filename)}`);
    this.worker = new Worker(entry, { workerData: data, execArgv: entry.endsWith('.ts') ? ['-r', '@swc-node/register'] : [] });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.requestId);
      if (!waiter) return;
      this.waiting.delete(reply.requestId);
      if ('failure' in reply) waiter.reject(new Error(reply.failure));
      else waiter.resolve(reply);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the writer thread exited (${code})`)));
  }

  async write(batch: readonly PendingAppend[], now: number): Promise<AppendOutcome[]> {
    const appends = batch.map(({ stream, events, expected }) => ({ stream, events, expected }));
    const reply = await this.send((requestId) => ({ kind: 'append', requestId, now, appends }));
    if (!('outcomes' in reply)) throw new Error('the writer thread answered an append without outcomes');
    return reply.outcomes.map(fromWire);
  }

  async truncate(stream: string, before: number): Promise<void> {
    await this.send((requestId) => ({ kind: 'truncate', requestId, stream, before }));
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }

  private send(request: (requestId: number) => WriterRequest): Promise<Reply> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(requestId, { resolve, reject });
      this.worker.postMessage(request(requestId));
    });
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
