import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JwsSigner } from '../jws-signer';
import type { ActiveSigningKey } from '../signing-key-ring';
import type { BatchMessage, BatchReply, KeyMessage } from './jws-signing-protocol';

interface Job {
  readonly key: ActiveSigningKey;
  readonly signingInput: string;
  resolve(signature: string): void;
  reject(error: Error): void;
}

/**
 * Signs on a worker thread, so the token endpoint's event loop does not spend ~40 µs of ES256 per grant.
 * The signing inputs of one event-loop turn go as one message and come back as one: under load a wake-up
 * of the thread serves tens of grants (node:crypto's async sign would wake a libuv thread for each, and on
 * a virtual machine that futex costs the event loop almost as much as the signature it saves).
 * A thread that dies fails the jobs it held and is started again for the next one.
 */
export class JwsSigningThread implements JwsSigner {
  private worker: Worker | undefined;
  private readonly postedKeys = new Set<string>();
  private pending: Job[] = [];
  private scheduled = false;
  private readonly inFlight = new Map<number, readonly Job[]>();
  private nextBatchId = 0;
  private closed = false;

  /** `onThreadFailure`: told when the thread dies or a job fails (a log line), never with a key or a signing input. */
  constructor(private readonly onThreadFailure: (reason: string) => void = () => undefined) {}

  sign(signingInput: string, key: ActiveSigningKey): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the signing thread is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ key, signingInput, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('the signing thread is closed'));
    await worker?.terminate();
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.pending;
    this.pending = [];
    if (jobs.length === 0 || this.closed) return;
    const worker = (this.worker ??= this.start());
    // Keys first: messages on one port arrive in order, so the thread has every key its batch names.
    for (const { key } of jobs) {
      if (this.postedKeys.has(key.kid)) continue;
      worker.postMessage({ kind: 'key', kid: key.kid, alg: key.alg, privateKey: key.privateKey } satisfies KeyMessage);
      this.postedKeys.add(key.kid);
    }
    const batchId = this.nextBatchId++;
    this.inFlight.set(batchId, jobs);
    const kids: string[] = [];
    const signingInputs: string[] = [];
    for (const job of jobs) {
      kids.push(job.key.kid);
      signingInputs.push(job.signingInput);
    }
    worker.postMessage({ kind: 'batch', batchId, kids, signingInputs } satisfies BatchMessage);
  }

  private start(): Worker {
    // From source under Jest and swc (.ts), or from a build (.js).
    const entry = join(__dirname, `jws-signing-worker${extname(__filename)}`);
    const worker = new Worker(entry, { execArgv: entry.endsWith('.ts') ? ['-r', '@swc-node/register'] : [] });
    worker.unref();
    worker.on('message', (reply: BatchReply) => {
      const jobs = this.inFlight.get(reply.batchId);
      if (!jobs) return;
      this.inFlight.delete(reply.batchId);
      const failed = new Set(reply.failed);
      reply.outcomes.forEach((outcome, index) => {
        const job = jobs[index]!;
        if (!failed.has(index)) job.resolve(outcome);
        else {
          this.onThreadFailure(outcome);
          job.reject(new Error(outcome));
        }
      });
    });
    const gone = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.postedKeys.clear();
      if (!this.closed) this.onThreadFailure(error.message);
      this.failAll(error);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the signing thread exited (${code})`)));
    return worker;
  }

  private failAll(error: Error): void {
    for (const jobs of this.inFlight.values()) this.fail(jobs, error);
    this.inFlight.clear();
    this.fail(this.pending, error);
    this.pending = [];
  }

  private fail(jobs: readonly Job[], error: Error): void {
    for (const job of jobs) job.reject(error);
  }
}
