import { EventStoreRefused, type EventStore, type GlobalPosition, type RecordedEvent, type Subscription } from '@keyward/event-store';
import type { ReadModelSnapshotStore } from '../snapshot/read-model-snapshot-store';
import { restoreFromSnapshot, stateOf } from '../snapshot/restore-from-snapshot';
import type { Projection } from './projection';

// Subscriber checkpoints (the relay's, the read models' own snapshots): no projection reads them.
const CHECKPOINT_PREFIX = 'checkpoint_';

export class ProjectionLagTimeout extends Error {
  override readonly name = 'ProjectionLagTimeout';
}

interface Waiter {
  readonly position: GlobalPosition;
  readonly resolve: () => void;
  readonly timer: NodeJS.Timeout;
}

export interface ProjectionRunnerLogger {
  error(message: string, error: unknown): void;
  info?(message: string): void;
}

export interface ProjectionRunnerOptions {
  readonly retryDelayMs?: number;
  /** Where snapshots live; without it every start replays $all from the beginning. */
  readonly snapshots?: ReadModelSnapshotStore;
  /** How often a snapshot is taken while events arrive (default 60 s); one is also taken at stop. */
  readonly snapshotEveryMs?: number;
  /**
   * A snapshot is also taken once this many events changed the read models since the last one (default
   * 50,000): a start after a crash (no snapshot at stop) then applies at most about this many events,
   * whatever the grant rate, instead of up to a minute of them.
   */
  readonly snapshotEveryEvents?: number;
}

export const SNAPSHOT_EVERY_EVENTS = 50_000;

/**
 * Feeds every projection from $all, in order. They live in memory; at start they come back from the
 * newest snapshot and apply only the events after its position (without one, from the beginning), so a
 * restart costs the entity state plus the events since the last snapshot, never the whole token history.
 * waitFor(position) gives read-your-writes: an admin command answers once its events are applied here.
 */
export class ProjectionRunner {
  private position: GlobalPosition | undefined;
  private applied = 0;
  private subscription?: Subscription;
  private waiters: Waiter[] = [];
  private stopped = false;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private snapshotPosition: GlobalPosition | undefined;
  /** Position of the last event that is not a checkpoint: snapshots and relay checkpoints change no read model. */
  private changedAt: GlobalPosition | undefined;
  private changedSinceSnapshot = 0;
  private readonly snapshotEveryEvents: number;
  private snapshotting: Promise<void> | undefined;
  private readonly retryDelayMs: number;
  /** The snapshot this start restored from, if any (restart figures, logs). */
  restoredFrom: GlobalPosition | undefined;
  private refusal: Error | undefined;

  private readonly store: EventStore;
  private readonly projections: readonly Projection[];
  private readonly logger: ProjectionRunnerLogger;
  private readonly options: ProjectionRunnerOptions;

  constructor(
    props: ProjectionRunnerOptions & {
      readonly store: EventStore;
      readonly projections: readonly Projection[];
      readonly logger: ProjectionRunnerLogger;
    },
  ) {
    ({ store: this.store, projections: this.projections, logger: this.logger } = props);
    this.options = props;
    this.retryDelayMs = props.retryDelayMs ?? 500;
    this.snapshotEveryEvents = props.snapshotEveryEvents ?? SNAPSHOT_EVERY_EVENTS;
  }

  /** Set once the store refused the subscription for good (access denied, invalid position): the read models stopped. */
  get failure(): Error | undefined {
    return this.refusal;
  }

  /** Resolves once every event that existed at start has been applied; rejects if the store refuses the subscription. */
  async start(): Promise<void> {
    if (this.options.snapshots) {
      this.position =
        this.snapshotPosition =
        this.restoredFrom =
          await restoreFromSnapshot(this.store, this.options.snapshots, this.projections, this.logger);
    }
    await new Promise<void>((caughtUp, refused) => this.subscribe(caughtUp, refused));
    if (this.options.snapshots && !this.stopped) {
      this.snapshotTimer = setInterval(() => void this.snapshot(), this.options.snapshotEveryMs ?? 60_000);
      this.snapshotTimer.unref();
    }
  }

  /**
   * Stores the state as of the last applied event (nothing when nothing changed since the last one).
   * State and position are taken in one synchronous step, between two events.
   */
  snapshot(): Promise<void> {
    const snapshots = this.options.snapshots;
    const position = this.position;
    if (!snapshots || position === undefined || this.snapshotting) return this.snapshotting ?? Promise.resolve();
    if (this.changedAt === undefined || (this.snapshotPosition !== undefined && this.changedAt <= this.snapshotPosition))
      return Promise.resolve();
    const states = stateOf(this.projections);
    if (!states) return Promise.resolve();
    this.changedSinceSnapshot = 0;
    this.snapshotting = snapshots
      .save({ position, states })
      .then(() => void (this.snapshotPosition = position))
      .catch((error: unknown) => this.logger.error('read-model snapshot not stored; the next one will be', error))
      .finally(() => (this.snapshotting = undefined));
    return this.snapshotting;
  }

  get appliedPosition(): GlobalPosition | undefined {
    return this.position;
  }

  /** Events applied since this process started (replay progress, readiness). */
  get appliedEvents(): number {
    return this.applied;
  }

  waitFor(position: GlobalPosition, timeoutMs = 10_000): Promise<void> {
    if (this.position !== undefined && this.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new ProjectionLagTimeout(`projections did not reach position ${position} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push({ position, resolve, timer });
    });
  }

  /** Stops the subscription, then stores a last snapshot so the next start has next to nothing to replay. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.snapshotTimer);
    await this.subscription?.stop();
    await this.snapshotting;
    await this.snapshot();
  }

  private subscribe(onCaughtUp: () => void, onRefused: (error: Error) => void): void {
    if (this.stopped) return;
    this.subscription = this.store.subscribeToAll(
      { after: this.position },
      {
        onEvent: (event) => this.apply(event),
        onCaughtUp,
        onError: (error) => {
          // Retrying a refusal cannot help and would hide it: surface it instead.
          if (error instanceof EventStoreRefused) {
            this.refusal = error;
            this.logger.error("the event store refused the read models' subscription; not retrying", error);
            return onRefused(error);
          }
          // Resume from the last applied event: projections are idempotent by position.
          this.logger.error('projection subscription failed; resubscribing', error);
          setTimeout(() => this.subscribe(onCaughtUp, onRefused), this.retryDelayMs).unref();
        },
      },
    );
  }

  private apply(event: RecordedEvent): void {
    if (this.position !== undefined && event.position <= this.position) return;
    for (const projection of this.projections) {
      try {
        projection.apply(event);
      } catch (error) {
        // One bad event must not stop the token endpoint's read model; it is logged loudly.
        this.logger.error(`projection ${projection.name} failed on ${event.type} ${event.id}`, error);
      }
    }
    this.position = event.position;
    this.applied += 1;
    if (!event.streamName.startsWith(CHECKPOINT_PREFIX)) {
      this.changedAt = event.position;
      // While one is being stored, this returns at once; the next event after it starts the next one.
      if (++this.changedSinceSnapshot >= this.snapshotEveryEvents && this.options.snapshots) void this.snapshot();
    }
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= event.position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > event.position);
    for (const waiter of ready) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
  }
}
