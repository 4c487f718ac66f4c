import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Backoff, type AuditRelayMetrics, type AuditRelayPort, type BackoffOptions, type RelayLogger } from '@keyward/audit';
import type { EventStore, GlobalPosition } from '@keyward/event-store';
import type { KeywardConfig } from '@keyward/config';
import type { AuditRelayWorkerData, FromRelayThread, ToRelayThread } from './audit-relay-thread.messages';
import { auditRelayConfig, configuredAuditSinkTarget } from './configured-audit-relay';

/** Starts the relay thread; tests pass their own to reach the Worker (and terminate it). */
export type RelayWorkerSpawner = (entry: string, options: ConstructorParameters<typeof Worker>[1]) => Worker;
const spawnWorker: RelayWorkerSpawner = (entry, options) => new Worker(entry, options);

export interface ThreadedAuditRelayOptions {
  readonly workerData: AuditRelayWorkerData;
  /** The main thread's store: where "the head now" of waitUntilProcessed is read. */
  readonly store: Pick<EventStore, 'headPosition'>;
  readonly logger: RelayLogger;
  /** Called once if the relay gives up for good (another relay took over the checkpoint). */
  readonly onFatal?: (error: Error) => void;
  /** Between restarts of a thread that died. Default 200 ms doubling to 10 s. */
  readonly restart?: BackoffOptions;
  /** How long stop() waits for the thread's own bounded stop before terminating it. Default 20 s. */
  readonly stopTimeoutMs?: number;
  readonly spawn?: RelayWorkerSpawner;
}

interface PendingWait {
  readonly target: GlobalPosition;
  readonly deadline: number;
  resolve(): void;
  reject(error: Error): void;
  readonly timer: NodeJS.Timeout;
}

const STOPPED_BEFORE = 'audit relay: stopped before the position was processed';

const NOT_STARTED: AuditRelayMetrics = {
  state: 'idle',
  recordsPublished: 0,
  batchesPublished: 0,
  publishFailures: 0,
  recordsPerSecond: 0,
  lagEvents: 0,
  lagCapped: false,
  lagMs: 0,
  restarts: 0,
};

/**
 * The embedded audit relay on a worker thread, with its own store connection, sink and checkpoint: the
 * main thread keeps this handle only. A thread that dies is started again (with backoff) and resumes
 * from its checkpoint, so it republishes (duplicates, dropped by id) and never skips; waits pending
 * on it carry over to the next thread.
 */
export class ThreadedAuditRelay implements AuditRelayPort {
  private worker: Worker | undefined;
  /** Settles when the current worker's thread has ended (its 'exit' may come before stop() asks). */
  private workerExited: Promise<void> = Promise.resolve();
  private latest = NOT_STARTED;
  private restarts = 0;
  private started = false;
  private stopping: Promise<void> | undefined;
  private failed = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  /** The processed position when the last thread died: progress past it ends a crash loop's backoff. */
  private positionAtDeath: GlobalPosition | undefined;
  private readonly waits = new Map<number, PendingWait>();
  private readonly lagRequests = new Map<number, (metrics: AuditRelayMetrics) => void>();
  private nextId = 0;

  constructor(private readonly options: ThreadedAuditRelayOptions) {
    this.backoff = new Backoff(options.restart);
  }

  get metrics(): AuditRelayMetrics {
    return { ...this.latest, restarts: this.restarts };
  }

  start(): void {
    if (this.started) throw new Error('the audit relay was already started');
    this.started = true;
    this.latest = { ...this.latest, state: 'starting' };
    this.worker = this.spawn();
  }

  stop(): Promise<void> {
    if (!this.started) return Promise.resolve();
    return (this.stopping ??= this.stopThread());
  }

  async waitUntilProcessed(position?: GlobalPosition, timeoutMs = 30_000): Promise<void> {
    const target = position ?? (await this.options.store.headPosition());
    if (target === undefined || this.reached(target)) return;
    if (this.failed) throw new Error('audit relay: stopped for good, position not processed');
    if (this.stopping) throw new Error(STOPPED_BEFORE);
    return new Promise<void>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.waits.delete(id);
        reject(new Error(`audit relay: position ${target} not processed within ${timeoutMs} ms (at ${this.latest.processedPosition})`));
      }, timeoutMs);
      this.waits.set(id, { target, deadline: performance.now() + timeoutMs, resolve, reject, timer });
      this.post({ kind: 'wait', id, target, timeoutMs });
    });
  }

  /** Asks the thread; between threads (a restart pending) the last metrics it sent. */
  measureLag(): Promise<AuditRelayMetrics> {
    if (!this.worker) return Promise.resolve(this.metrics);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.lagRequests.set(id, resolve);
      this.post({ kind: 'measure-lag', id });
    });
  }

  private spawn(): Worker {
    // Run as TypeScript from source (npm run start:dev, Jest) or as JavaScript from a build.
    const entry = join(__dirname, `audit-relay-worker${extname(__filename)}`);
    const spawn = this.options.spawn ?? spawnWorker;
    const worker = spawn(entry, {
      workerData: this.options.workerData,
      execArgv: entry.endsWith('.ts') ? ['-r', '@swc-node/register'] : [],
    });
    worker.on('message', (message: FromRelayThread) => this.receive(message));
    // Only the message: an error's properties could hold what the thread was given.
    worker.on('error', (error) => this.options.logger.error({ err: error.message }, 'audit relay thread failed'));
    this.workerExited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('exit', (exitCode) => this.exited(worker, exitCode));
    // Waits from before a restart go to the new thread with what is left of their time.
    for (const [id, wait] of this.waits)
      worker.postMessage({ kind: 'wait', id, target: wait.target, timeoutMs: Math.max(1, wait.deadline - performance.now()) });
    return worker;
  }

  private receive(message: FromRelayThread): void {
    switch (message.kind) {
      case 'log':
        this.options.logger[message.level](message.fields, message.message);
        return;
      case 'metrics':
      case 'reached':
      case 'stopped':
        this.progressed(message.metrics);
        return;
      case 'lag':
        this.progressed(message.metrics);
        this.lagRequests.get(message.id)?.(this.metrics);
        this.lagRequests.delete(message.id);
        return;
      case 'fatal':
        this.failForGood(Object.assign(new Error(message.message), { name: message.name }));
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unknown message from the relay thread: ${JSON.stringify(unknown)}`);
      }
    }
  }

  private progressed(metrics: AuditRelayMetrics): void {
    // A failed relay stays failed, whatever its thread sends after.
    this.latest = this.failed ? { ...metrics, state: 'failed' } : metrics;
    const processed = metrics.processedPosition;
    if (this.positionAtDeath !== undefined && processed !== undefined && processed > this.positionAtDeath) {
      this.positionAtDeath = undefined;
      this.backoff.reset();
    }
    for (const [id, wait] of this.waits) {
      if (!this.reached(wait.target)) continue;
      clearTimeout(wait.timer);
      this.waits.delete(id);
      wait.resolve();
    }
  }

  private exited(worker: Worker, exitCode: number): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const resolve of this.lagRequests.values()) resolve(this.metrics);
    this.lagRequests.clear();
    if (this.stopping || this.failed) return;
    this.restarts++;
    this.positionAtDeath = this.latest.processedPosition ?? -1n;
    this.latest = { ...this.latest, state: 'starting' };
    const delayMs = this.backoff.nextDelayMs();
    this.options.logger.error(
      { exitCode, restarts: this.restarts, restartInMs: delayMs, processedPosition: this.latest.processedPosition?.toString() },
      'audit relay thread exited; starting it again from its checkpoint',
    );
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.stopping && !this.failed) this.worker = this.spawn();
    }, delayMs);
  }

  private failForGood(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.latest = { ...this.latest, state: 'failed' };
    this.rejectWaits(error);
    this.options.onFatal?.(error);
  }

  private async stopThread(): Promise<void> {
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (worker) {
      const exited = this.workerExited;
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (message: FromRelayThread) => message.kind === 'stopped' && resolve());
      });
      worker.postMessage({ kind: 'stop' } satisfies ToRelayThread);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.options.stopTimeoutMs ?? 20_000)));
      const clean = await Promise.race([Promise.race([exited, stopped]).then(() => true), timedOut]);
      clearTimeout(timer);
      if (!clean)
        this.options.logger.warn({}, 'audit relay thread did not stop in time; terminated (the next start resumes from its checkpoint)');
      await worker.terminate();
    }
    this.rejectWaits(new Error(STOPPED_BEFORE));
    if (!this.failed) this.latest = { ...this.latest, state: 'stopped' };
  }

  private rejectWaits(error: Error): void {
    for (const wait of this.waits.values()) {
      clearTimeout(wait.timer);
      wait.reject(error);
    }
    this.waits.clear();
  }

  private reached(target: GlobalPosition): boolean {
    return (this.latest.processedPosition ?? -1n) >= target;
  }

  private post(message: ToRelayThread): void {
    this.worker?.postMessage(message);
  }
}

/** The configured relay (store, sink, chain checkpoints as createConfiguredAuditRelay makes them) on its own thread. */
export function createConfiguredThreadedAuditRelay(props: {
  readonly config: KeywardConfig;
  readonly store: Pick<EventStore, 'headPosition'>;
  readonly logger: RelayLogger;
  readonly onFatal?: (error: Error) => void;
}): ThreadedAuditRelay {
  const { config, store, logger, onFatal } = props;
  const workerData = { config: auditRelayConfig(config), sinkTarget: configuredAuditSinkTarget(config), metricsIntervalMs: 1000 };
  return new ThreadedAuditRelay({ workerData, store, logger, onFatal });
}
