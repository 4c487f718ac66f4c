import { EventStoreUnavailable } from '../port/event-store.errors';
import type { GlobalPosition, RecordedEvent, Subscription, SubscriptionHandlers } from '../port/event-store.port';
import type { ChangeListener, SqliteChangeFeed } from './sqlite-change-feed';
import type { SqliteEventReader } from './sqlite-event-reader';

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One reader loop per subscription: read a page after the last delivered position, deliver it one
 * awaited handler call at a time, and sleep until the change feed says there may be more.
 * Catch-up and live are the same loop; only `onCaughtUp` tells them apart.
 */
export class SqliteSubscription implements Subscription, ChangeListener {
  private stopped = false;
  private caughtUp = false;
  // Set by wake(); checked before sleeping so a wake between a read and the sleep is not lost.
  private changed = false;
  private sleeper: (() => void) | undefined;
  private readonly done: Promise<void>;
  /** The head when the subscription was opened: onCaughtUp fires once everything up to it is delivered. */
  private readonly headAtStart: GlobalPosition | undefined;

  constructor(
    private readonly reader: SqliteEventReader,
    private readonly feed: SqliteChangeFeed,
    private position: GlobalPosition,
    private readonly handlers: SubscriptionHandlers,
    private readonly pageSize: number,
    private readonly onEnded: (subscription: SqliteSubscription) => void,
  ) {
    this.headAtStart = reader.headPosition();
    feed.add(this);
    this.done = this.run();
  }

  wake(): void {
    this.changed = true;
    this.sleeper?.();
  }

  /** Must not be awaited inside onEvent: it waits for that very call to return. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    // Never call a handler before subscribeToAll has returned the subscription to its caller.
    await Promise.resolve();
    try {
      while (!this.stopped) {
        this.changed = false;
        const page = this.readPage();
        for (const event of page) {
          if (this.stopped) return;
          if (this.headAtStart === undefined || event.position > this.headAtStart) this.reachCaughtUp();
          await this.handlers.onEvent(event);
          this.position = event.position;
        }
        if (page.length === this.pageSize) {
          // Catching up on a long history must not starve the rest of the process.
          await yieldToEventLoop();
        } else {
          this.reachCaughtUp();
          if (!this.changed && !this.stopped) await this.sleep();
        }
      }
    } catch (error) {
      if (!this.stopped) {
        this.stopped = true;
        this.handlers.onError?.(error instanceof Error ? error : new Error(String(error)));
      }
    } finally {
      this.feed.remove(this);
      this.onEnded(this);
    }
  }

  private readPage(): RecordedEvent[] {
    try {
      return this.reader.readAll({ after: this.position, maxCount: this.pageSize });
    } catch (cause) {
      throw new EventStoreUnavailable(`subscription read failed: ${String(cause)}`, { cause });
    }
  }

  private reachCaughtUp(): void {
    if (this.caughtUp || this.stopped) return;
    this.caughtUp = true;
    this.handlers.onCaughtUp?.();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      this.sleeper = () => {
        this.sleeper = undefined;
        resolve();
      };
    });
  }
}
