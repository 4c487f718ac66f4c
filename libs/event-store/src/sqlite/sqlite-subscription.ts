import { EventStoreUnavailable } from '../port/event-store.errors';
import type { GlobalPosition, RecordedEvent, Subscription, SubscriptionHandlers } from '../port/event-store.port';
import type { ChangeListener, SqliteChangeFeed } from './sqlite-change-feed';
import type { SqliteEventReader } from './sqlite-event-reader';

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One reader loop per subscription: read a page after the last delivered position, deliver it one
 * awaited handler call at a time, and sleep until the change feed says there may be more.
 * Catch-up and live are the same loop; only `onCaughtUp` tells them apart.
 * Live, the events this process commits are offered as committed: a subscription delivers them without
 * reading them back, after reading what lies between the last position it read or queued and the first
 * offered (another connection's events); a long gap, or a commit by another process, makes the loop read.
 */
export class SqliteSubscription implements Subscription, ChangeListener {
  private stopped = false;
  private caughtUp = false;
  // Set by wake(); checked before sleeping so a wake between a read and the sleep is not lost.
  private changed = false;
  private sleeper: (() => void) | undefined;
  /** Offered events waiting for delivery, all after `tail`'s predecessor. */
  private offered: RecordedEvent[] = [];
  /** The last position read from the store or queued from an offer: an offer must start right after it. */
  private tail: GlobalPosition;
  private readonly done: Promise<void>;
  /** The head when the subscription was opened: onCaughtUp fires once everything up to it is delivered. */
  private readonly headAtStart: GlobalPosition | undefined;

  private readonly reader: SqliteEventReader;
  private readonly feed: SqliteChangeFeed;
  /** The last position delivered. */
  private position: GlobalPosition;
  private readonly handlers: SubscriptionHandlers;
  private readonly pageSize: number;
  private readonly onEnded: (subscription: SqliteSubscription) => void;

  constructor(props: {
    readonly reader: SqliteEventReader;
    readonly feed: SqliteChangeFeed;
    readonly after: GlobalPosition;
    readonly handlers: SubscriptionHandlers;
    readonly pageSize: number;
    readonly onEnded: (subscription: SqliteSubscription) => void;
  }) {
    ({
      reader: this.reader,
      feed: this.feed,
      after: this.position,
      handlers: this.handlers,
      pageSize: this.pageSize,
      onEnded: this.onEnded,
    } = props);
    this.headAtStart = this.reader.headPosition();
    this.tail = this.position;
    this.feed.add(this);
    this.done = this.run();
  }

  wake(): void {
    this.changed = true;
    this.sleeper?.();
  }

  offer(events: readonly RecordedEvent[]): void {
    if (this.stopped || events.length === 0) return;
    const first = events[0]!.position;
    const last = events[events.length - 1]!.position;
    if (last <= this.tail) return;
    // Rowids of one connection's commits follow each other. A gap before them holds another connection's
    // events (the relay's checkpoints, the CLI): those alone are read, a short gap at once; the commit is
    // not read back. Events up to the tail were read already (a poll came first).
    const gap = first > this.tail + 1n ? this.readGap(first) : [];
    if (gap === undefined) return this.wake();
    this.offered.push(...gap, ...(first > this.tail ? events : events.slice(Number(this.tail - first) + 1)));
    this.tail = last;
    this.sleeper?.();
  }

  /** The events between the tail and `before`, or undefined when the loop should read them itself (a long gap, a failure). */
  private readGap(before: GlobalPosition): RecordedEvent[] | undefined {
    if (before - this.tail > BigInt(this.pageSize)) return undefined;
    try {
      return this.reader.readAll({ after: this.tail, before, maxCount: this.pageSize });
    } catch {
      // The loop's own read reports it.
      return undefined;
    }
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
        if (this.offered.length > 0) {
          await this.deliver(this.takeOffered());
          if (!this.changed && this.offered.length === 0 && !this.stopped) await this.sleep();
          continue;
        }
        this.changed = false;
        const page = this.readPage();
        await this.deliver(page);
        if (page.length === this.pageSize) {
          // Catching up on a long history must not starve the rest of the process.
          await yieldToEventLoop();
        } else {
          this.reachCaughtUp();
          if (!this.changed && this.offered.length === 0 && !this.stopped) await this.sleep();
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

  private async deliver(page: readonly RecordedEvent[]): Promise<void> {
    for (const event of page) {
      if (this.stopped) return;
      if (this.headAtStart === undefined || event.position > this.headAtStart) this.reachCaughtUp();
      const handled = this.handlers.onEvent(event);
      // A synchronous handler (the read models') has already finished: awaiting it would cost a promise turn an event.
      if (handled !== undefined) await handled;
      this.position = event.position;
    }
  }

  private takeOffered(): RecordedEvent[] {
    const page = this.offered;
    this.offered = [];
    return page;
  }

  private readPage(): RecordedEvent[] {
    try {
      const page = this.reader.readAll({ after: this.position, maxCount: this.pageSize });
      const last = page[page.length - 1];
      if (last && last.position > this.tail) this.tail = last.position;
      return page;
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
