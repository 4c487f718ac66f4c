import type { EventToAppend, ExpectedRevision } from '../port/event-store.port';

// EventStoreDB parses event ids as Guids and refuses the whole append otherwise; refusing here names the culprit.
const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws a TypeError for input that no store could take, before anything goes on the wire. */
export function assertAppendInput(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (typeof stream !== 'string' || stream === '') throw new TypeError('stream must be a non-empty string');
  if (!isExpectedRevision(expected)) throw new TypeError(`invalid expected revision ${String(expected)}`);
  if (events.length === 0) throw new TypeError('an append needs at least one event');
  for (const event of events) {
    if (typeof event.id !== 'string' || !UUID_FORMAT.test(event.id)) throw new TypeError(`event id must be a UUID: ${String(event.id)}`);
    if (typeof event.type !== 'string' || event.type === '') throw new TypeError('event type must be a non-empty string');
    if (JSON.stringify(event.data) === undefined) throw new TypeError(`data of event ${event.id} is not JSON-serialisable`);
  }
}

function isExpectedRevision(expected: unknown): expected is ExpectedRevision {
  return (
    expected === 'any' ||
    expected === 'no_stream' ||
    expected === 'stream_exists' ||
    (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
  );
}
