import type { AppendResult, EventToAppend, ExpectedRevision } from '../port/event-store.port';

/** An event already turned into column values, so the write transaction does no JSON work. */
export interface SerializedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export interface PendingAppend {
  readonly stream: string;
  readonly events: readonly SerializedEvent[];
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
export function serializeEvents(events: readonly EventToAppend[]): SerializedEvent[] {
  if (events.length === 0) throw new TypeError('an append needs at least one event');
  return events.map((event) => {
    if (typeof event.id !== 'string' || event.id === '') throw new TypeError('event id must be a non-empty string');
    if (typeof event.type !== 'string' || event.type === '') throw new TypeError('event type must be a non-empty string');
    return {
      id: event.id,
      type: event.type,
      data: toJson(event.data, `data of event ${event.id}`),
      metadata: toJson(event.metadata ?? {}, `metadata of event ${event.id}`),
    };
  });
}
