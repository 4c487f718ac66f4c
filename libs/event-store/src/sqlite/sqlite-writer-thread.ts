import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { appendsToWire } from './append-request-wire';
import { outcomesFromWire, type OutcomesOnWire } from './batch-outcome-wire';
import type { PendingAppend } from './pending-append';
import type { AppendOutcome } from './sqlite-batch-writer';
import type { WriterRequest, WriterWorkerData } from './sqlite-writer-worker';

type Reply = { requestId: number; outcomes: OutcomesOnWire } | { requestId: number; done: true } | { requestId: number; failure: string };

interface Waiter {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/** Starts the writer worker; tests pass their own to reach the thread. */
export type WorkerSpawner = (entry: string, options: ConstructorParameters<typeof Worker>[1]) => Worker;
const spawnWorker: WorkerSpawner = (entry, options) => new Worker(entry, options);

/**
 * Sends requests to the writer worker, which runs them one at a time; each resolves once committed.
 * A worker that dies (a native crash, an OOM) fails what it held and is started again for the next
 * request, so appends answer EventStoreUnavailable instead of hanging.
 */
export class SqliteWriterThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiter>();
  private nextRequestId = 0;
  private closing = false;

  constructor(
    private readonly data: WriterWorkerData,
    private readonly spawn: WorkerSpawner = spawnWorker,
    /** After a worker ended: it may have committed a batch it never answered for. */
    private readonly onExit: () => void = () => undefined,
  ) {
    this.worker = this.start();
  }

  private start(): Worker {
    // Run as TypeScript from source (npm start, Jest) or as JavaScript from a build.
    const entry = join(__dirname, `sqlite-writer-worker${extname(__filename)}`);
    const worker = this.spawn(entry, { workerData: this.data, execArgv: entry.endsWith('.ts') ? ['-r', '@swc-node/register'] : [] });
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.requestId);
      if (!waiter) return;
      this.waiting.delete(reply.requestId);
      if ('failure' in reply) waiter.reject(new Error(reply.failure));
      else waiter.resolve(reply);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(`the writer thread exited (${code})`));
      if (!this.closing) this.onExit();
    });
    return worker;
  }

  async write(batch: readonly PendingAppend[], now: number): Promise<AppendOutcome[]> {
    const appends = appendsToWire(batch);
    const reply = await this.send((requestId) => ({ kind: 'append', requestId, now, appends }));
    if (!('outcomes' in reply)) throw new Error('the writer thread answered an append without outcomes');
    return outcomesFromWire(reply.outcomes);
  }

  async truncate(stream: string, before: number): Promise<void> {
    await this.send((requestId) => ({ kind: 'truncate', requestId, stream, before }));
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    await exited;
  }

  private send(request: (requestId: number) => WriterRequest): Promise<Reply> {
    if (this.closing) return Promise.reject(new Error('the writer thread is closed'));
    const worker = (this.worker ??= this.start());
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(requestId, { resolve, reject });
      worker.postMessage(request(requestId));
    });
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
