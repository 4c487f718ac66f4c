import { DeadlineExceededError, EventStoreDBClient, NotLeaderError, type Credentials } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../port/event-store.errors';
import { normalizeConnectionString } from './esdb-connection-string';

/** Every append answers within this (the token endpoint must answer 503 within 2 s when a node hangs). */
export const DEFAULT_CALL_TIMEOUT_MS = 1500;
/** Reads are off the token endpoint's path and may carry a page of 500 events: they get longer. */
export const DEFAULT_READ_TIMEOUT_MS = 5000;
// NotLeader: the client has already switched its channel to the leader it names; retried at once.
const NOT_LEADER_RETRIES = 2;

export interface CallScope {
  /** Registers what stops the call's work when its deadline passes (cancel a read stream). */
  onCancel(cancel: () => void): void;
}

/**
 * The client, kept healthy. The client reconnects by itself on UNAVAILABLE and NotLeader, but not when
 * a node accepts connections and never answers (a partition, a hung process): its reads and batch
 * appends have no deadline at all, and a hung channel is only noticed by keepalive, after about 20 s.
 * So each call gets a deadline here, and a call that overruns it replaces the client with a fresh one,
 * which discovers the cluster again (a hung seed costs it the 1 s gossip timeout).
 */
export class EsdbConnection {
  private current: EventStoreDBClient;
  private generation = 0;
  private readonly replacedListeners = new Set<() => void>();
  private readonly retired = new Set<Promise<void>>();
  private readonly connectionString: string;
  readonly appendCredentials: Credentials | undefined;

  readonly callTimeoutMs: number;
  readonly readTimeoutMs: number;

  constructor(props: { readonly connectionString: string; readonly callTimeoutMs?: number; readonly readTimeoutMs?: number }) {
    this.callTimeoutMs = props.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.readTimeoutMs = props.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    const normalized = normalizeConnectionString(props.connectionString);
    this.connectionString = normalized.connectionString;
    this.appendCredentials = normalized.appendCredentials;
    this.current = EventStoreDBClient.connectionString(this.connectionString);
  }

  get client(): EventStoreDBClient {
    return this.current;
  }

  /** Called after the client was replaced: subscriptions move to the new one. */
  onReplaced(listener: () => void): () => void {
    this.replacedListeners.add(listener);
    return () => this.replacedListeners.delete(listener);
  }

  /** An append or another call whose answer stands on its own. */
  call<T>(work: (client: EventStoreDBClient, scope: CallScope) => Promise<T>): Promise<T> {
    return this.withRetries(work, false);
  }

  /**
   * A read to the end of a stream. The client ends a cancelled read as if it had finished (it swallows
   * its own cancellation), and replacing the client cancels every read in flight on it, so a read that
   * ran while the client was replaced may be cut short: it fails instead of answering a partial list.
   */
  read<T>(work: (client: EventStoreDBClient, scope: CallScope) => Promise<T>): Promise<T> {
    return this.withRetries(work, true);
  }

  private async withRetries<T>(work: (client: EventStoreDBClient, scope: CallScope) => Promise<T>, isRead: boolean): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(work, isRead);
      } catch (error) {
        if (!(error instanceof NotLeaderError) || attempt >= NOT_LEADER_RETRIES) throw error;
        // The client's handleError swaps the channel after a microtask; let it.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** Drops the client for a fresh one (unless another call already did since `seen`). */
  replace(seen = this.generation): void {
    if (seen !== this.generation) return;
    this.generation += 1;
    const old = this.current;
    this.current = EventStoreDBClient.connectionString(this.connectionString);
    const disposal = old.dispose().catch(() => undefined);
    this.retired.add(disposal);
    void disposal.finally(() => this.retired.delete(disposal));
    for (const listener of this.replacedListeners) listener();
  }

  async close(): Promise<void> {
    await Promise.all([this.current.dispose(), ...this.retired]);
  }

  private async once<T>(work: (client: EventStoreDBClient, scope: CallScope) => Promise<T>, isRead: boolean): Promise<T> {
    const generation = this.generation;
    const cancels: (() => void)[] = [];
    const timeoutMs = isRead ? this.readTimeoutMs : this.callTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    // Once per call: the timer and the client's own deadline may both report the same overrun.
    let overrunError: EventStoreUnavailable | undefined;
    const overran = () => {
      if (overrunError) return overrunError;
      for (const cancel of cancels) cancel();
      this.replace(generation);
      return (overrunError = new EventStoreUnavailable(`EventStoreDB did not answer within ${timeoutMs} ms`));
    };
    const overrun = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(overran()), timeoutMs);
    });
    // An append also carries the same deadline to the client (gRPC), which may fire a moment before this
    // timer on a busy machine: the same overrun, answered and handled the same way.
    const running = work(this.current, { onCancel: (cancel) => cancels.push(cancel) }).catch((error: unknown) => {
      throw error instanceof DeadlineExceededError ? overran() : error;
    });
    // Once overrun, the work's own late failure (its stream cancelled) has nobody to tell.
    running.catch(() => undefined);
    try {
      const result = await Promise.race([running, overrun]);
      if (isRead && this.generation !== generation)
        throw new EventStoreUnavailable('the EventStoreDB connection was replaced during the read');
      return result;
    } finally {
      clearTimeout(timer);
    }
  }
}
