import {
  EventStoreRefused,
  pause,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
  type Subscription,
} from '@keyward/event-store';
import { Backoff, type BackoffOptions } from './backoff';
import type { RelayLogger } from './relay-logger';

/**
 * A $all subscription that outlives store failures: when it ends on an error it is opened again,
 * after a backoff, right after the last event it handed over, so no event is skipped or repeated.
 * A refusal (access denied, an invalid position) is not retried: it goes to onRefused.
 */
interface FeedHandlers {
  onEvent(event: RecordedEvent): Promise<void> | undefined;
  onCaughtUp(): void;
  onRefused?(error: Error): void;
}

export class ResubscribingFeed {
  private current: Subscription | undefined;
  private lastDelivered: GlobalPosition | undefined;
  private pending: Promise<void> | undefined;
  private readonly backoff: Backoff;

  private readonly store: EventStore;
  private readonly handlers: FeedHandlers;
  private readonly logger: RelayLogger;
  /** Aborted: no resubscription follows. */
  private readonly signal: AbortSignal;

  constructor(props: {
    readonly store: EventStore;
    readonly handlers: FeedHandlers;
    readonly logger: RelayLogger;
    readonly signal: AbortSignal;
    readonly retry?: BackoffOptions;
  }) {
    ({ store: this.store, handlers: this.handlers, logger: this.logger, signal: this.signal } = props);
    this.backoff = new Backoff(props.retry ?? {});
  }

  start(after: GlobalPosition | undefined): void {
    this.lastDelivered = after;
    this.open();
  }

  /** The signal must be aborted first, so that no resubscription follows. */
  async stop(): Promise<void> {
    await this.pending;
    await this.current?.stop();
  }

  private open(): void {
    if (this.signal.aborted) return;
    try {
      this.current = this.store.subscribeToAll(this.lastDelivered === undefined ? {} : { after: this.lastDelivered }, {
        onEvent: (event) => this.deliver(event),
        onCaughtUp: () => {
          this.backoff.reset();
          this.handlers.onCaughtUp();
        },
        onError: (error) => this.reopenLater(error),
      });
    } catch (error) {
      this.reopenLater(error as Error);
    }
  }

  // Not async: a promise only when the handler returned one (the buffer is full), as this runs per event.
  private deliver(event: RecordedEvent): Promise<void> | undefined {
    if (this.lastDelivered !== undefined && event.position <= this.lastDelivered) return undefined;
    const accepted = this.handlers.onEvent(event);
    if (accepted === undefined) {
      this.lastDelivered = event.position;
      return undefined;
    }
    return accepted.then(() => {
      this.lastDelivered = event.position;
    });
  }

  private reopenLater(error: Error): void {
    if (this.signal.aborted) return;
    if (error instanceof EventStoreRefused && this.handlers.onRefused) {
      this.current = undefined;
      return this.handlers.onRefused(error);
    }
    const delayMs = this.backoff.nextDelayMs();
    this.logger.warn({ err: error.message, retryInMs: delayMs }, 'audit relay: event store subscription failed; resubscribing');
    this.current = undefined;
    this.pending = pause(delayMs, this.signal).then(() => this.open());
  }
}
