/**
 * The one storage port of keyward. Adapters: SQLite (embedded default) and EventStoreDB.
 * Every adapter runs the same conformance suite (../conformance).
 */

/** Global position in the store's total order ($all). Strictly increasing; comparable across reads. */
export type GlobalPosition = bigint;

export type EventMetadata = Readonly<Record<string, unknown>>;

export interface EventToAppend {
  /** UUID chosen by the writer; the audit record id and the idempotency key of subscribers. */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly streamName: string;
  /** 0-based index of the event within its stream. */
  readonly revision: number;
  readonly position: GlobalPosition;
  readonly recordedAt: Date;
  /** Length of data and metadata as stored JSON, when the adapter knows it for free (buffers bound themselves by it). */
  readonly jsonLength?: number;
  /**
   * data and metadata exactly as JSON.stringify wrote them at append time, when the adapter has that text at hand
   * (the SQLite store's live commits from another thread): a consumer that wants text need not parse and serialize again.
   */
  readonly storedJson?: { readonly data: string; readonly metadata: string };
}

/**
 * - a number: the stream's last revision must be exactly this (0-based; stream exists)
 * - 'no_stream': the stream must not exist
 * - 'stream_exists': the stream must hold at least one event
 * - 'any': no check
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** Revision of the last event appended. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event appended. */
  readonly position: GlobalPosition;
}

export interface ReadStreamOptions {
  /** Inclusive. Forwards: default 0. Backwards: default the last event. */
  readonly fromRevision?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /**
   * Exclusive: events strictly after (forwards) or strictly before (backwards) this position.
   * Omitted: from the start (forwards) or the end (backwards).
   */
  readonly after?: GlobalPosition;
  readonly before?: GlobalPosition;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive start: deliver events strictly after this position. Omitted: from the beginning. */
  readonly after?: GlobalPosition;
}

export interface SubscriptionHandlers {
  /** Awaited before the next event is delivered (back-pressure, in order). A throw ends the subscription with onError. */
  readonly onEvent: (event: RecordedEvent) => void | Promise<void>;
  /** Called once, when all events that existed at subscribe time have been delivered. */
  readonly onCaughtUp?: () => void;
  /** The subscription ended on an error (handler throw or store failure). */
  readonly onError?: (error: Error) => void;
}

export interface Subscription {
  /** Stops delivery; resolves once no handler call is in flight. */
  stop(): Promise<void>;
}

export interface EventStore {
  /**
   * Resolves once the events are durable. Fails with WrongExpectedRevision (nothing appended) on a revision mismatch.
   * Without `expectedRevision` there is no check ('any').
   */
  append(stream: string, events: readonly EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /** Events of one stream, in revision order; [] for a stream that does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every stream in global order. Excludes the store's own system events. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The events at exactly these positions (positions this store handed out), answer i for positions[i].
   * undefined where no event is at that position any more (reclaimed after truncation, or a system event).
   * Never computes a neighbouring position: EventStoreDB refuses a read from inside a record.
   */
  readAt(positions: readonly GlobalPosition[]): Promise<(RecordedEvent | undefined)[]>;
  /** Catch-up, then live: every event after `after`, in global order, including events appended by other processes. */
  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription;
  /**
   * Forgets the head of a stream that only its last events matter for (checkpoints), like
   * EventStoreDB's `$tb` stream metadata: readStream no longer returns events of `stream` with a
   * revision below `revision`. The numbering is unchanged: the next append still expects the
   * stream's last revision, and the stream still exists even when every event is hidden.
   * Truncation is never undone: a `revision` at or below an earlier one changes nothing.
   * readAll and subscriptions may still deliver truncated events until the store reclaims them:
   * EventStoreDB's $all bypasses the stream index until a scavenge; SQLite deletes them at once, except a stream's last event.
   */
  truncateStreamBefore(stream: string, revision: number): Promise<void>;
  /** Position of the newest event, or undefined for an empty store. */
  headPosition(): Promise<GlobalPosition | undefined>;
  close(): Promise<void>;
}
