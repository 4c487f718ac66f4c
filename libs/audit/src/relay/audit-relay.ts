import { isReplayClaimStream } from '@keyward/domain';
import type { GlobalPosition, RecordedEvent } from '@keyward/event-store';
import type { AuditMapping } from '../record/audit-mapping';
import type { AuditRecord } from '../record/audit-record';
import { defaultAuditMapping } from '../record/default-audit-mapping';
import { fromStoredJsonOr } from '../record/stored-json-audit-record';
import type { AuditRelayOptions } from './audit-relay.options';
import type { AuditRelayPort } from './audit-relay.port';
import { CHECKPOINT_STREAM_PREFIX, RelayCheckpoint, RelayFenced } from './relay-checkpoint';
import { measureRelayLag } from './relay-lag';
import { type RelayLogger, silentRelayLogger } from './relay-logger';
import { RelayBuffer } from './relay-buffer';
import { type AuditRelayMetrics, RelayMetricsRecorder } from './relay-metrics';
import { ProgressWaiters } from './progress-waiters';
import { ResubscribingFeed } from './resubscribing-feed';
import { STOPPED, retryUntilStopped } from './retry-until-stopped';
import { withTimeout } from '../support/with-timeout';
import { withUnmappedFallback } from './unmapped-audit-record';
import { CheckpointSchedule } from './checkpoint-schedule';
import { AuditChains, type ChainOverlay } from '../chain/audit-chains';
import { ChainCheckpointer } from '../chain/chain-checkpointer';

/**
 * Puts every recorded event on the audit sink, at least once, in store order. The checkpoint moves
 * only after the sink acknowledged every record before it, so a crash at any point (even between
 * publish and checkpoint) is followed by republishing from the checkpoint: duplicates, never gaps.
 */
export class AuditRelay implements AuditRelayPort {
  private readonly controller = new AbortController();
  private readonly buffer: RelayBuffer;
  private readonly checkpoint: RelayCheckpoint;
  private readonly recorder: RelayMetricsRecorder;
  private readonly mapping: AuditMapping;
  private readonly logger: RelayLogger;
  private readonly maxBatchSize: number;
  private readonly maxBatchBytes: number;
  private readonly now: () => number;
  private feed: ResubscribingFeed | undefined;
  private loop: Promise<void> | undefined;
  private reporter: NodeJS.Timeout | undefined;
  private readonly progress = new ProgressWaiters(() => this.recorder.processedPosition);
  private readonly schedule: CheckpointSchedule;
  private chains = new AuditChains();
  private readonly chainCheckpoints: ChainCheckpointer;

  constructor(private readonly options: AuditRelayOptions) {
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.maxBatchBytes = options.maxBatchBytes ?? 4 * 1024 * 1024;
    this.buffer = new RelayBuffer(
      options.bufferCapacity ?? 4 * this.maxBatchSize,
      options.bufferCapacityBytes ?? 4 * this.maxBatchBytes,
      options.gatherMs ?? 100,
    );
    this.now = options.now ?? Date.now;
    this.recorder = new RelayMetricsRecorder(this.now);
    this.schedule = new CheckpointSchedule(options.checkpointIntervalMs ?? 1000, this.now);
    this.logger = options.logger ?? silentRelayLogger;
    this.checkpoint = new RelayCheckpoint({ store: options.store, processor: options.processor ?? 'audit-relay', logger: this.logger });
    const mapping = withUnmappedFallback(options.mapping ?? defaultAuditMapping, this.logger);
    // The default mapping's records can be made from the stored JSON as text; a mapping of the caller's cannot.
    this.mapping = options.mapping === undefined ? fromStoredJsonOr(mapping) : mapping;
    const { signer, everyRecords, everyMs } = options.chainCheckpoints ?? {};
    this.chainCheckpoints = new ChainCheckpointer({ signer, everyRecords, everyMs, now: this.now, logger: this.logger });
  }

  get metrics(): AuditRelayMetrics {
    return this.recorder.snapshot();
  }

  /** Runs in the background: a store or sink that is down is retried, never thrown at the caller. */
  start(): void {
    if (this.loop) throw new Error('the audit relay was already started');
    this.recorder.state = 'starting';
    this.loop = this.run().catch((error: Error) => this.fail(error));
    const every = this.options.reportIntervalMs ?? 10_000;
    if (every > 0) this.reporter = setInterval(() => void this.report(), every).unref();
  }

  /**
   * Bounded: waits stopGraceMs for an in-flight publish, closes the sink, waits once more, then leaves
   * the publish behind. Whatever was not checkpointed is re-read at the next start.
   */
  async stop(): Promise<void> {
    if (!this.loop || this.controller.signal.aborted) return this.loop;
    this.halt();
    await this.feed?.stop();
    const graceMs = this.options.stopGraceMs ?? 5000;
    const loopEnded = () =>
      withTimeout(this.loop!, graceMs, 'the in-flight publish').then(
        () => true,
        () => false,
      );
    const finished = await loopEnded();
    await withTimeout(this.options.sink.close(), graceMs, 'closing the sink').catch((error: Error) =>
      this.logger.warn({ err: error.message }, 'audit relay: closing the sink failed'),
    );
    if (!finished && !(await loopEnded())) this.logger.warn({}, 'audit relay: stopped without waiting for a publish that does not end');
    if (this.recorder.state !== 'failed') this.recorder.state = 'stopped';
  }

  /** Measures lag now (it is otherwise measured every reportIntervalMs) and returns the metrics. */
  async measureLag(): Promise<AuditRelayMetrics> {
    const limit = this.options.lagCountLimit ?? 10_000;
    const lag = await measureRelayLag(this.options.store, this.recorder.processedPosition, limit, this.now());
    this.recorder.lag = { ...lag, measuredAt: new Date(this.now()) };
    return this.metrics;
  }

  /** Resolves once every event up to `position` (default: the store's head now) is on the sink or skipped. */
  async waitUntilProcessed(position?: GlobalPosition, timeoutMs = 30_000): Promise<void> {
    const target = position ?? (await this.options.store.headPosition());
    if (target === undefined) return;
    const reached = this.progress.waitFor(target, timeoutMs);
    // Publish what is buffered now rather than gather more first: someone is waiting for it.
    if (this.progress.waiting) this.buffer.hurry();
    await reached;
  }

  private async run(): Promise<void> {
    const loaded = await this.retrying('load the checkpoint', () => this.checkpoint.load());
    if (loaded === STOPPED) return;
    this.recorder.processedPosition = this.recorder.checkpointPosition = loaded.value;
    this.chains = new AuditChains(this.checkpoint.loadedChains);
    this.chainCheckpoints.track(this.chains.entries());
    this.logger.info({ sink: this.options.sink.description, after: loaded.value?.toString() ?? 'the beginning' }, 'audit relay starting');
    this.feed = new ResubscribingFeed({
      store: this.options.store,
      handlers: {
        onEvent: (event) => this.buffer.put(event),
        onCaughtUp: () => this.logger.info({ buffered: this.buffer.size }, 'audit relay: caught up with the event store'),
        // Retrying a refusal (access denied, an invalid position) cannot help: stop and say why.
        onRefused: (error) => void this.fail(error),
      },
      logger: this.logger,
      signal: this.controller.signal,
      retry: this.options.retry,
    });
    this.feed.start(loaded.value);
    this.recorder.state = 'running';
    while (!this.controller.signal.aborted) {
      const batch = await this.buffer.take(this.maxBatchSize, this.waitMs(), this.maxBatchBytes, !this.progress.waiting);
      if (batch.length > 0) await this.relay(batch);
      else await this.publishDueChainCheckpoints();
      if (this.schedule.isDue(batch.length === 0)) await this.saveCheckpoint();
    }
    // Stopping: one bounded try, so a clean restart republishes nothing.
    const last = this.schedule.pending;
    if (last !== undefined)
      await this.checkpoint
        .save(last, this.chains.toStored())
        .catch((error: Error) => this.logger.warn({ err: error.message }, 'audit relay: last checkpoint not stored'));
    await this.checkpoint.settled();
  }

  private async saveCheckpoint(): Promise<void> {
    const position = this.schedule.pending!;
    const chains = this.chains.toStored();
    const saved = await this.retrying('store the checkpoint', () => this.checkpoint.save(position, chains));
    if (saved === STOPPED) return;
    this.schedule.saved(position);
    this.recorder.checkpointPosition = position;
  }

  private async relay(batch: readonly RecordedEvent[]): Promise<void> {
    // Checkpoints and jti claims are bookkeeping: a refused replay is on the topic as its TokenRequestRefused.
    const mapped = batch
      .filter((event) => !event.streamName.startsWith(CHECKPOINT_STREAM_PREFIX) && !isReplayClaimStream(event.streamName))
      .map(this.mapping);
    const last = batch[batch.length - 1]!.position;
    if (mapped.length > 0) {
      // Linked on an overlay of the heads it touched, merged into the heads once the sink acknowledged the batch.
      const linked = this.chains.link(mapped);
      const due = this.chainCheckpoints.anyDue(linked.heads);
      // The checkpoints go onto the linked array: the sink then writes the batch's lines as they were linked.
      const records: AuditRecord[] = linked.records;
      if (due) records.push(...(await this.chainCheckpoints.checkpoints(linked.heads, this.chains)));
      const published = await this.retrying(
        'publish',
        () => this.publish(records),
        () => this.recorder.publishFailures++,
      );
      if (published === STOPPED) return;
      this.commitChains(linked.heads);
      this.recorder.published(mapped.length);
      this.schedule.acknowledged(last);
    } else {
      this.schedule.skipped(last);
    }
    this.recorder.processedPosition = last;
    this.progress.notify();
  }

  /** A quiet chain still gets its signed checkpoint once its time is up. */
  private async publishDueChainCheckpoints(): Promise<void> {
    const heads: ChainOverlay = new Map();
    const records = await this.chainCheckpoints.checkpoints(heads, this.chains);
    if (records.length === 0) return;
    const published = await this.retrying(
      'publish',
      () => this.publish(records),
      () => this.recorder.publishFailures++,
    );
    if (published !== STOPPED) this.commitChains(heads);
  }

  private commitChains(heads: ChainOverlay): void {
    this.chains.commit(heads);
    this.chainCheckpoints.track(heads);
  }

  private waitMs(): number | undefined {
    const checkpoint = this.schedule.waitMs();
    const chain = this.chainCheckpoints.waitMs();
    return checkpoint === undefined ? chain : chain === undefined ? checkpoint : Math.min(checkpoint, chain);
  }

  private async publish(records: readonly AuditRecord[]): Promise<void> {
    await this.options.sink.open();
    await this.options.sink.publish(records);
  }

  /** Only a fenced relay gives up; every other failure is retried until it clears or the relay stops. */
  private retrying<T>(what: string, operation: () => Promise<T>, onFailure?: () => void) {
    const context = {
      signal: this.controller.signal,
      logger: this.logger,
      backoff: this.options.retry,
      isFatal: (error: unknown) => error instanceof RelayFenced,
    };
    return retryUntilStopped(what, operation, context, onFailure);
  }

  private async report(): Promise<void> {
    try {
      const m = await this.measureLag();
      this.logger.info(
        {
          lagEvents: m.lagEvents,
          lagCapped: m.lagCapped,
          lagMs: m.lagMs,
          recordsPerSecond: m.recordsPerSecond,
          recordsPublished: m.recordsPublished,
          processedPosition: m.processedPosition?.toString(),
        },
        'audit relay progress',
      );
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'audit relay: could not measure lag');
    }
  }

  private halt(): void {
    this.controller.abort();
    this.buffer.close();
    if (this.reporter) clearInterval(this.reporter);
  }

  private async fail(error: Error): Promise<void> {
    this.recorder.state = 'failed';
    this.logger.error({ err: error.message }, 'audit relay stopped for good');
    this.halt();
    await this.feed?.stop().catch(() => undefined);
    await this.options.sink.close().catch(() => undefined);
    this.options.onFatal?.(error);
  }
}
