import type { EventStore, GlobalPosition, RecordedEvent, Subscription } from '@keyward/event-store';
import type { Projection } from './projection';

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
}

/**
 * Feeds every projection from $all, in order, rebuilt from the beginning at start (they live in memory).
 * waitFor(position) gives read-your-writes: an admin command answers once its events are applied here.
 */
export class ProjectionRunner {
  private position: GlobalPosition | undefined;
  private applied = 0;
  private subscription?: Subscription;
  private waiters: Waiter[] = [];
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly logger: ProjectionRunnerLogger,
    private readonly retryDelayMs = 500,
  ) {}

  /** Resolves once every event that existed at start has been applied. */
  start(): Promise<void> {
    return new Promise((caughtUp) => this.subscribe(caughtUp));
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

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
  }

  private subscribe(onCaughtUp: () => void): void {
    if (this.stopped) return;
    this.subscription = this.store.subscribeToAll(
      { after: this.position },
      {
        onEvent: (event) => this.apply(event),
        onCaughtUp,
        onError: (error) => {
          // Resume from the last applied event: projections are idempotent by position.
          this.logger.error('projection subscription failed; resubscribing', error);
          setTimeout(() => this.subscribe(onCaughtUp), this.retryDelayMs).unref();
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
