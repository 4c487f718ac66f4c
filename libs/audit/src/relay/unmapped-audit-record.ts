import type { RecordedEvent } from '@keyward/event-store';
import type { AuditMapping } from '../record/audit-mapping';
import { type AuditRecord, SYSTEM_PARTITION_KEY, auditSource } from '../record/audit-record';
import type { RelayLogger } from './relay-logger';

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

/** `mapping`, except that an event it throws on becomes an unmapped record (logged) instead of blocking the relay. */
export function withUnmappedFallback(mapping: AuditMapping, logger: RelayLogger): AuditMapping {
  return (event) => {
    try {
      return mapping(event);
    } catch (error) {
      logger.error(
        { eventId: event.id, eventType: event.type, err: (error as Error).message },
        'audit relay: mapping failed; publishing an unmapped record',
      );
      return unmappedAuditRecord(event);
    }
  };
}
