import {
  AccessDeniedError,
  excludeSystemEvents,
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import type { GlobalPosition, Subscription, SubscriptionHandlers } from '../port/event-store.port';
import type { EsdbConnection } from './esdb-connection';
import { isCallerError, toPortError } from './esdb-errors';
import { isSystemEvent, toEsdbPosition, toRecordedEvent } from './esdb-event-mapping';
import { StopSignal } from './stop-signal';

export interface ResubscribePolicy {
  /** Delay before the n-th consecutive resubscription (0-based). */
  readonly delayMs: (attempt: number) => number;
}

/** A dropped server subscription: `fatal` ones (access denied, an invalid position) end it instead of a retry. */
export interface SubscriptionFailure {
  readonly error: Error;
  readonly fatal: boolean;
  /** Consecutive failures without progress, this one included. */
  readonly attempt: number;
}

export const defaultResubscribePolicy: ResubscribePolicy = { delayMs: (attempt) => Math.min(2000, 50 * 2 ** attempt) };

class HandlerFailed {
  constructor(readonly error: Error) {}
}

/**
 * subscribeToAll that outlives the connection: when the server drops the call (restart, failover,
 * network) it resubscribes after the last event it processed, so delivery stays in order with no gap and
 * no repeat. System events are filtered on the server (excludeSystemEvents) and, for $-streams, here.
 * Every drop is reported (`onFailure`: logs, a metric); access denied and an invalid position end the
 * subscription through onError instead, since retrying them cannot help.
 */
export class EsdbSubscription implements Subscription {
  private readonly stopSignal = new StopSignal();
  private readonly running: Promise<void>;
  private current: AllStreamSubscription | undefined;
  private caughtUpSignalled = false;

  private readonly connection: EsdbConnection;
  /** The last position processed: resubscribing starts after it. */
  private after: GlobalPosition | undefined;
  private readonly handlers: SubscriptionHandlers;
  private readonly policy: ResubscribePolicy;
  private readonly onEnded: (subscription: EsdbSubscription) => void;
  private readonly onFailure: (failure: SubscriptionFailure) => void;

  constructor(props: {
    readonly connection: EsdbConnection;
    readonly after: GlobalPosition | undefined;
    readonly handlers: SubscriptionHandlers;
    readonly policy?: ResubscribePolicy;
    readonly onEnded?: (subscription: EsdbSubscription) => void;
    readonly onFailure?: (failure: SubscriptionFailure) => void;
  }) {
    ({ connection: this.connection, after: this.after, handlers: this.handlers } = props);
    this.policy = props.policy ?? defaultResubscribePolicy;
    this.onEnded = props.onEnded ?? (() => undefined);
    this.onFailure = props.onFailure ?? (() => undefined);
    // A replaced client (a call overran its deadline: the node may hang) takes its subscriptions along.
    const stopFollowing = this.connection.onReplaced(() => this.current?.destroy());
    this.running = this.run().finally(() => {
      stopFollowing();
      this.onEnded(this);
    });
  }

  async stop(): Promise<void> {
    this.stopSignal.stop();
    await this.running;
  }

  private async run(): Promise<void> {
    for (let attempt = 0; !this.stopSignal.stopped; attempt++) {
      const progressed = this.after;
      try {
        await this.consume();
      } catch (failure) {
        if (failure instanceof HandlerFailed) return this.fail(failure.error);
        const error = toPortError(failure, { stream: '$all' });
        const fatal = failure instanceof AccessDeniedError || isCallerError(failure);
        this.onFailure({ error, fatal, attempt: attempt + 1 });
        if (fatal) return this.fail(error);
      } finally {
        await this.release();
      }
      // A connection that delivered something earns a fresh backoff.
      if (this.after !== progressed) attempt = 0;
      await this.stopSignal.sleep(this.policy.delayMs(attempt));
    }
  }

  /** One server subscription, until it ends, fails, or stop() is called. */
  private async consume(): Promise<void> {
    const subscription = this.connection.client.subscribeToAll({
      fromPosition: this.after === undefined ? START : toEsdbPosition(this.after),
      filter: excludeSystemEvents(),
      // A follower's copy lags: read models that answer admins' reads-after-writes follow the leader.
      requiresLeader: true,
    });
    this.current = subscription;
    let taken = 0;
    let handling = false;
    let caughtUpAt: number | undefined;
    // The client emits `caughtUp` while events before it may still sit in its buffer; counting what was
    // taken plus what is buffered marks the event after which the catch-up really is delivered.
    subscription.on('caughtUp', () => {
      caughtUpAt ??= taken + subscription.readableLength;
      if (taken === caughtUpAt && !handling) this.signalCaughtUp();
    });
    const failed = new Promise<never>((_, reject) => subscription.once('error', reject));
    failed.catch(() => undefined);
    for (;;) {
      const resolved = subscription.read() as AllStreamResolvedEvent | null;
      if (resolved === null) {
        if (subscription.readableEnded || subscription.destroyed) return;
        const next = await Promise.race([whenReadable(subscription), failed, this.stopSignal.stopping]);
        if (next !== 'readable') return;
        continue;
      }
      taken += 1;
      handling = true;
      await this.process(resolved);
      handling = false;
      if (this.stopSignal.stopped) return;
      if (taken === caughtUpAt) this.signalCaughtUp();
    }
  }

  private async process({ event }: AllStreamResolvedEvent): Promise<void> {
    if (event === undefined) return;
    const position = event.position?.commit;
    if (!isSystemEvent(event)) {
      try {
        await this.handlers.onEvent(toRecordedEvent(event));
      } catch (error) {
        throw new HandlerFailed(error instanceof Error ? error : new Error(String(error)));
      }
    }
    if (position !== undefined) this.after = position;
  }

  private signalCaughtUp(): void {
    if (this.caughtUpSignalled) return;
    this.caughtUpSignalled = true;
    this.handlers.onCaughtUp?.();
  }

  private fail(error: Error): void {
    this.stopSignal.stop();
    this.handlers.onError?.(error);
  }

  private async release(): Promise<void> {
    const subscription = this.current;
    this.current = undefined;
    if (subscription === undefined) return;
    // Swallow the cancellation error that unsubscribing may raise once nobody listens any more.
    subscription.on('error', () => undefined);
    await subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  }
}

function whenReadable(stream: AllStreamSubscription): Promise<'readable' | 'ended'> {
  return new Promise((resolve) => {
    const settle = (outcome: 'readable' | 'ended') => () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnded);
      stream.off('close', onEnded);
      resolve(outcome);
    };
    const onReadable = settle('readable');
    const onEnded = settle('ended');
    stream.once('readable', onReadable);
    stream.once('end', onEnded);
    stream.once('close', onEnded);
  });
}
