import type { AppendResult, EventMetadata, EventToAppend, ExpectedRevision } from '../port/event-store.port';
import { copyAsJson, type NOT_PLAIN } from './json-copy';

/** An event already turned into column values, so the write transaction does no JSON work. */
export interface SerializedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * On the appending thread, the event also as a read will return it (copyAsJson: the round trip of its
 * JSON, or NOT_PLAIN when that needs a parse), so its own subscribers get it without parsing what was just
 * serialized. Taken at append time: what the caller changes afterwards is in neither the row nor the copy.
 */
export interface PendingEvent extends SerializedEvent {
  readonly dataValue: unknown;
  readonly metadataValue: EventMetadata | typeof NOT_PLAIN;
}

export interface PendingAppend {
  readonly stream: string;
  readonly events: readonly PendingEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: Error) => void;
}

function toJson(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  // JSON.stringify answers undefined (not a string) for undefined, functions and symbols.
  if (json === undefined) throw new TypeError(`${what} is not JSON-serialisable`);
  return json;
}

/** Throws on input that could never be stored, before it can join (and spoil) a batch. */
export function serializeEvents(events: readonly EventToAppend[]): PendingEvent[] {
  if (events.length === 0) throw new TypeError('an append needs at least one event');
  return events.map((event) => {
    if (typeof event.id !== 'string' || event.id === '') throw new TypeError('event id must be a non-empty string');
    if (typeof event.type !== 'string' || event.type === '') throw new TypeError('event type must be a non-empty string');
    const metadata = event.metadata ?? {};
    return {
      id: event.id,
      type: event.type,
      data: toJson(event.data, `data of event ${event.id}`),
      metadata: toJson(metadata, `metadata of event ${event.id}`),
      dataValue: copyAsJson(event.data),
      metadataValue: copyAsJson(metadata) as PendingEvent['metadataValue'],
    };
  });
}
