import type { EventMetadata } from '../port/event-store.port';

/** Metadata key holding the version of an event's data schema. Absent means 1. */
export const SCHEMA_VERSION = 'schemaVersion';

/**
 * Turns the data of one event type from `fromVersion` into `fromVersion + 1`. Pure: it sees only the
 * stored event, so a projection rebuilt next year reads the same history the same way.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: unknown, metadata: EventMetadata): unknown;
}
