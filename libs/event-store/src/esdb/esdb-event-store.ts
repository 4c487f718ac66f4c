import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../port/event-store.errors';
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
import { toPortError } from './esdb-errors';
import { toEsdbExpectedRevision, toEventData } from './esdb-event-mapping';
import { headPosition, positionOfRevision, readAll, readAt, readStream } from './esdb-reads';
import { EsdbSubscription, type ResubscribePolicy } from './esdb-subscription';
import { truncateBefore } from './esdb-truncation';

export interface EsdbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, `esdb+discover://…`, or several hosts for a cluster. */
  readonly connectionString: string;
  readonly resubscribe?: ResubscribePolicy;
}

/** The EventStore port on EventStoreDB (KurrentDB) through @eventstore/db-client. */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly resubscribe?: ResubscribePolicy,
  ) {}

  async append(stream: string, events: readonly EventToAppend[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    assertAppendInput(stream, events, expected);
    try {
      const result = await this.client.appendToStream(stream, events.map(toEventData), { expectedRevision: toEsdbExpectedRevision(expected) });
      // A retried append the server recognises as already written is acknowledged without a position.
      const position = result.position?.commit ?? (await positionOfRevision(this.client, stream, result.nextExpectedRevision));
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
      await truncateBefore(this.client, stream, revision);
    } catch (error) {
      throw toPortError(error, { stream });
    }
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.read(() => readStream(this.client, stream, options));
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.read(() => readAll(this.client, options));
  }

  readAt(positions: readonly GlobalPosition[]): Promise<(RecordedEvent | undefined)[]> {
    return this.read(() => readAt(this.client, positions));
  }

  headPosition(): Promise<GlobalPosition | undefined> {
    return this.read(() => headPosition(this.client));
  }

  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    this.assertOpen();
    const subscription = new EsdbSubscription(this.client, options.after, handlers, this.resubscribe, (ended) =>
      this.subscriptions.delete(ended),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private async read<T>(query: () => Promise<T>): Promise<T> {
    this.assertOpen();
    try {
      return await query();
    } catch (error) {
      throw toPortError(error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('the event store is closed');
  }
}

export function openEsdbEventStore(options: EsdbEventStoreOptions): EsdbEventStore {
  return new EsdbEventStore(EventStoreDBClient.connectionString(options.connectionString), options.resubscribe);
}
