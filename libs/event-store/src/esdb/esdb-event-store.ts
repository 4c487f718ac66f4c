import { EventStoreUnavailable } from '../port/event-store.errors';
import { UnavailableError } from '@eventstore/db-client';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscribeToAllOptions,
  SubscriptionHandlers,
} from '../port/event-store.port';
import { assertAppendInput } from './esdb-append-input';
import { EsdbConnection } from './esdb-connection';
import { toPortError } from './esdb-errors';
import { toEsdbExpectedRevision, toEventData } from './esdb-event-mapping';
import { headPosition, positionOfRevision, readAll, readAt, readStream } from './esdb-reads';
import { EsdbSubscription, type ResubscribePolicy, type SubscriptionFailure } from './esdb-subscription';
import { truncateBefore } from './esdb-truncation';

export interface EsdbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, or the gossip seeds of a cluster: `esdb://node1:2113,node2:2113,node3:2113`. */
  readonly connectionString: string;
  readonly resubscribe?: ResubscribePolicy;
  /** The most an append waits for the server (default 1500 ms); an overrun reconnects. */
  readonly callTimeoutMs?: number;
  /** The most a read (one page) waits (default 5000 ms). */
  readonly readTimeoutMs?: number;
  /** Each dropped server subscription (to log and count it); fatal ones also end the subscription. */
  readonly onSubscriptionFailure?: (failure: SubscriptionFailure) => void;
}

/**
 * The EventStore port on EventStoreDB (KurrentDB) through @eventstore/db-client. Every call goes to the
 * leader (`requires-leader`; the client follows a NotLeader to the leader it names) within a deadline.
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;

  constructor(
    private readonly connection: EsdbConnection,
    private readonly options: Pick<EsdbEventStoreOptions, 'resubscribe' | 'onSubscriptionFailure'> = {},
  ) {}

  async append(
    stream: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    assertAppendInput(stream, events, expected);
    const credentials = this.connection.appendCredentials;
    try {
      const result = await this.connection.call((client) =>
        client.appendToStream(stream, events.map(toEventData), {
          expectedRevision: toEsdbExpectedRevision(expected),
          requiresLeader: true,
          deadline: this.connection.callTimeoutMs,
          // Selects the client's unary Append (see esdb-connection-string.ts).
          ...(credentials ? { credentials } : {}),
        }),
      );
      // Servers before 24.x acknowledged an idempotent retry without a position.
      const position = result.position?.commit ?? (await positionOfRevision(this.connection, stream, result.nextExpectedRevision));
      return { nextExpectedRevision: Number(result.nextExpectedRevision), position };
    } catch (error) {
      throw toPortError(error, { stream, expected });
    }
  }

  async truncateStreamBefore(stream: string, revision: number): Promise<void> {
    this.assertOpen();
    if (typeof stream !== 'string' || stream === '') throw new TypeError('stream must be a non-empty string');
    if (!Number.isSafeInteger(revision) || revision < 0) throw new TypeError(`invalid truncation revision ${String(revision)}`);
    try {
      await truncateBefore(this.connection, stream, revision);
    } catch (error) {
      throw toPortError(error, { stream });
    }
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.read(() => readStream(this.connection, stream, options), stream);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.read(() => readAll(this.connection, options), '$all');
  }

  readAt(positions: readonly GlobalPosition[]): Promise<(RecordedEvent | undefined)[]> {
    return this.read(() => readAt(this.connection, positions), '$all');
  }

  headPosition(): Promise<GlobalPosition | undefined> {
    return this.read(() => headPosition(this.connection), '$all');
  }

  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    this.assertOpen();
    const subscription = new EsdbSubscription({
      connection: this.connection,
      after: options.after,
      handlers,
      policy: this.options.resubscribe,
      onEnded: (ended) => this.subscriptions.delete(ended),
      onFailure: this.options.onSubscriptionFailure,
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.connection.close();
  }

  private async read<T>(query: () => Promise<T>, stream: string): Promise<T> {
    this.assertOpen();
    try {
      return await query();
    } catch (error) {
      // A read is idempotent: one dropped connection (the node restarted, a balancer closed an idle
      // connection) is retried once on the connection gRPC makes anew. A deadline overrun is not retried:
      // the caller's bound on the wait holds.
      if (!(error instanceof UnavailableError)) throw toPortError(error, { stream });
      try {
        return await query();
      } catch (again) {
        throw toPortError(again, { stream });
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('the event store is closed');
  }
}

export function openEsdbEventStore(options: EsdbEventStoreOptions): EsdbEventStore {
  const { connectionString, callTimeoutMs, readTimeoutMs } = options;
  const connection = new EsdbConnection({ connectionString, callTimeoutMs, readTimeoutMs });
  return new EsdbEventStore(connection, options);
}
