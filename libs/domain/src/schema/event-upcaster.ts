/**
 * Turns the stored data of one event type from `fromVersion` into `fromVersion + 1`. Pure: it sees
 * only the stored data, so a read model rebuilt next year reads the same history the same way.
 * (Structurally the event store's Upcaster, which the store applies on read.)
 */
export interface EventUpcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: unknown): unknown;
}
