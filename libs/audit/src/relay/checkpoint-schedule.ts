import type { GlobalPosition } from '@keyward/event-store';

/**
 * When to store the checkpoint: at most once per interval while batches keep coming, and as soon as
 * the relay is idle. A trickle of one-event batches would otherwise append one checkpoint per event.
 */
export class CheckpointSchedule {
  /** Acknowledged by the sink, not yet stored. */
  pending: GlobalPosition | undefined;
  private lastSavedAt = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  acknowledged(position: GlobalPosition): void {
    this.pending = position;
  }

  /** Events that were not relayed (checkpoints): a pending checkpoint may as well cover them. */
  skipped(position: GlobalPosition): void {
    // Never start a checkpoint for skipped events alone: it would be a checkpoint per checkpoint, forever.
    if (this.pending !== undefined) this.pending = position;
  }

  /** How long the relay may wait for more events before it should store; undefined: nothing pending. */
  waitMs(): number | undefined {
    return this.pending === undefined ? undefined : Math.max(0, this.lastSavedAt + this.intervalMs - this.now());
  }

  isDue(idle: boolean): boolean {
    return this.pending !== undefined && (idle || this.now() - this.lastSavedAt >= this.intervalMs);
  }

  saved(position: GlobalPosition): void {
    if (this.pending === position) this.pending = undefined;
    this.lastSavedAt = this.now();
  }
}
