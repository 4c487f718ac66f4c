import type { RecordedEvent } from '../port/event-store.port';
import { NOT_PLAIN } from './json-copy';
import type { PendingAppend, PendingEvent } from './pending-append';
import type { AppendOutcome } from './sqlite-batch-writer';

/**
 * The events a batch committed, in position order, as a read returns them, for this store's own
 * subscribers: its events have consecutive rowids (one writer, one transaction). Their data and metadata
 * are the copies taken at append time, parsed from the stored JSON only where copyAsJson could not copy.
 */
export function committedEvents(batch: readonly PendingAppend[], outcomes: readonly AppendOutcome[], recordedAt: Date): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (let index = 0; index < outcomes.length; index++) {
    const outcome = outcomes[index]!;
    if (!outcome.ok) continue;
    const append = batch[index]!;
    const firstRevision = outcome.result.nextExpectedRevision - append.events.length + 1;
    for (let offset = 0; offset < append.events.length; offset++) {
      const event = append.events[offset]!;
      events.push({
        id: event.id,
        type: event.type,
        data: event.dataValue === NOT_PLAIN ? (JSON.parse(event.data) as unknown) : event.dataValue,
        metadata: metadataOf(event),
        streamName: append.stream,
        revision: firstRevision + offset,
        position: offset === 0 ? outcome.firstPosition : outcome.firstPosition + BigInt(offset),
        recordedAt,
        jsonLength: event.data.length + event.metadata.length,
      });
    }
  }
  return events;
}

function metadataOf(event: PendingEvent): RecordedEvent['metadata'] {
  return event.metadataValue === NOT_PLAIN ? (JSON.parse(event.metadata) as RecordedEvent['metadata']) : event.metadataValue;
}
