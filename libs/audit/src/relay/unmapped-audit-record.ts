import type { RecordedEvent } from '@keyward/event-store';
import { type AuditRecord, SYSTEM_PARTITION_KEY, auditSource } from '../record/audit-record';

/**
 * Stands in for an event its mapping could not turn into a record (a bug in the table): the id
 * still reaches the topic, so nothing goes missing silently, and no field of the event is guessed at.
 */
export function unmappedAuditRecord(event: RecordedEvent): AuditRecord {
  return {
    specversion: '1.0',
    id: event.id,
    source: auditSource(undefined),
    type: 'keyward.event.unmapped.v1',
    time: event.recordedAt.toISOString(),
    datacontenttype: 'application/json',
    partitionkey: SYSTEM_PARTITION_KEY,
    data: { details: { eventType: event.type, stream: event.streamName } },
  };
}
