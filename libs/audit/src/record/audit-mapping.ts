import type { RecordedEvent } from '@keyward/event-store';
import type { AuditRecord } from './audit-record';

/** Turns one recorded event into its audit record. Must be pure: the relay may map an event twice. */
export type AuditMapping = (event: RecordedEvent) => AuditRecord;
