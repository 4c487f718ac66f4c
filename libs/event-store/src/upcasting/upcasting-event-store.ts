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
import type { Upcaster } from './upcaster';
import { UpcasterChain } from './upcaster-chain';

/**
 * Any EventStore, with events read at their current schema version: stored events are never rewritten,
 * they are upcast on every read and delivery. Appends record the current version in the metadata.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly chain: UpcasterChain,
  ) {}

  append(stream: string, events: readonly EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    return this.inner.append(
      stream,
      events.map((event) => this.chain.stamp(event)),
      options,
    );
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(stream, options)).map((event) => this.chain.upcast(event));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readAll(options)).map((event) => this.chain.upcast(event));
  }

  async readAt(positions: readonly GlobalPosition[]): Promise<(RecordedEvent | undefined)[]> {
    return (await this.inner.readAt(positions)).map((event) => (event === undefined ? undefined : this.chain.upcast(event)));
  }

  // An upcaster that throws fails like the handler would: the subscription ends through onError.
  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    return this.inner.subscribeToAll(options, { ...handlers, onEvent: (event) => handlers.onEvent(this.chain.upcast(event)) });
  }

  // Truncation hides events, it never rewrites them: nothing to upcast.
  truncateStreamBefore(stream: string, revision: number): Promise<void> {
    return this.inner.truncateStreamBefore(stream, revision);
  }

  headPosition(): Promise<GlobalPosition | undefined> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export function withUpcasting(store: EventStore, upcasters: readonly Upcaster[]): UpcastingEventStore {
  return new UpcastingEventStore(store, new UpcasterChain(upcasters));
}
