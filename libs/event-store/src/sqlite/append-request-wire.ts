import type { ExpectedRevision } from '../port/event-store.port';
import type { PendingAppend, SerializedEvent } from './pending-append';

/** What the writer thread needs of an append: the promise it settles and the event objects stay on the main thread. */
export interface AppendToWrite {
  readonly stream: PendingAppend['stream'];
  readonly expected: PendingAppend['expected'];
  readonly events: readonly SerializedEvent[];
}

/**
 * A batch's appends as one flat array of strings and numbers: stream, expected revision, event count, then
 * id, type, data and metadata of each event. Structured clone writes every key of every object it copies,
 * so the nested form cost about twice as much to post and to read back (~3.8 against ~1.7 µs an event).
 */
export type AppendsOnWire = readonly (string | number)[];

export function appendsToWire(batch: readonly AppendToWrite[]): AppendsOnWire {
  const wire: (string | number)[] = [];
  for (const { stream, expected, events } of batch) {
    wire.push(stream, expected, events.length);
    for (const event of events) wire.push(event.id, event.type, event.data, event.metadata);
  }
  return wire;
}

export function appendsFromWire(wire: AppendsOnWire): AppendToWrite[] {
  const batch: AppendToWrite[] = [];
  let at = 0;
  while (at < wire.length) {
    const stream = wire[at] as string;
    const expected = wire[at + 1] as ExpectedRevision;
    const count = wire[at + 2] as number;
    at += 3;
    const events: SerializedEvent[] = [];
    for (let index = 0; index < count; index++, at += 4) {
      events.push({ id: wire[at] as string, type: wire[at + 1] as string, data: wire[at + 2] as string, metadata: wire[at + 3] as string });
    }
    batch.push({ stream, expected, events });
  }
  return batch;
}
