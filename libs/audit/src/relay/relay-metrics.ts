import type { GlobalPosition } from '@keyward/event-store';

export type AuditRelayState = 'idle' | 'starting' | 'running' | 'stopped' | 'failed';

export interface AuditRelayMetrics {
  readonly state: AuditRelayState;
  readonly recordsPublished: number;
  readonly batchesPublished: number;
  readonly publishFailures: number;
  /** Over the last `throughputWindowMs`. */
  readonly recordsPerSecond: number;
  /** Every event up to here is on the sink or was not meant for it. */
  readonly processedPosition?: GlobalPosition;
  readonly checkpointPosition?: GlobalPosition;
  /** Events in the store after processedPosition, as of the last lag measurement (capped, see lagCapped). */
  readonly lagEvents: number;
  readonly lagCapped: boolean;
  /** Age of the oldest event not yet processed, as of the last lag measurement; 0 when caught up. */
  readonly lagMs: number;
  readonly lagMeasuredAt?: Date;
  /** Times the relay's worker thread died and was started again from its checkpoint; 0 in-process. */
  readonly restarts: number;
}

/** Counters and a sliding throughput window; the relay owns one and hands out snapshots. */
export class RelayMetricsRecorder {
  state: AuditRelayState = 'idle';
  recordsPublished = 0;
  batchesPublished = 0;
  publishFailures = 0;
  processedPosition: GlobalPosition | undefined;
  checkpointPosition: GlobalPosition | undefined;
  lag = { events: 0, capped: false, ms: 0, measuredAt: undefined as Date | undefined };
  private window: { at: number; records: number }[] = [];

  constructor(
    private readonly now: () => number,
    private readonly throughputWindowMs = 10_000,
  ) {}

  published(records: number): void {
    this.recordsPublished += records;
    this.batchesPublished++;
    this.window.push({ at: this.now(), records });
  }

  snapshot(): AuditRelayMetrics {
    return {
      state: this.state,
      recordsPublished: this.recordsPublished,
      batchesPublished: this.batchesPublished,
      publishFailures: this.publishFailures,
      recordsPerSecond: this.recordsPerSecond(),
      processedPosition: this.processedPosition,
      checkpointPosition: this.checkpointPosition,
      lagEvents: this.lag.events,
      lagCapped: this.lag.capped,
      lagMs: this.lag.ms,
      lagMeasuredAt: this.lag.measuredAt,
      restarts: 0,
    };
  }

  private recordsPerSecond(): number {
    const since = this.now() - this.throughputWindowMs;
    this.window = this.window.filter((sample) => sample.at > since);
    const records = this.window.reduce((sum, sample) => sum + sample.records, 0);
    return Math.round((records * 1000) / this.throughputWindowMs);
  }
}
