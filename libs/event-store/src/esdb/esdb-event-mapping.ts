import {
  ANY,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, ExpectedRevision, GlobalPosition, RecordedEvent } from '../port/event-store.port';

/** EventStoreDB's "no position" (-1 as an unsigned 64-bit integer): older servers send it on stream reads. */
const NO_POSITION = 2n ** 64n - 1n;

export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: event.metadata });
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The port's one number is the commit position; for every non-transactional write prepare == commit. */
export const toEsdbPosition = (position: GlobalPosition): Position => ({ commit: position, prepare: position });

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const position = event.position?.commit;
  if (position === undefined || position === NO_POSITION) {
    // The port promises a position on every event; guessing one would break $all ordering for readers.
    throw new Error(
      `EventStoreDB sent event ${event.id} without its log position; keyward needs a server that reports positions on stream reads`,
    );
  }
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: isMetadata(event.metadata) ? event.metadata : {},
    streamName: event.streamId,
    revision: Number(event.revision),
    position,
    recordedAt: event.created,
  };
}

/**
 * EventStoreDB's own events: $-prefixed types ($metadata, $epoch-information, ...) and anything in a
 * $-prefixed stream. Never part of keyward's history.
 */
export const isSystemEvent = (event: Pick<EsdbRecordedEvent, 'type' | 'streamId'>): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

const isMetadata = (value: unknown): value is EventMetadata =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
