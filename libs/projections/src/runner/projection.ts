import type { RecordedEvent } from '@keyward/event-store';

/** A read model fed by the $all subscription. apply() is synchronous so reads never see half an event. */
export interface Projection {
  readonly name: string;
  apply(event: RecordedEvent): void;
}

/** Reinterprets a recorded event as a member of a domain union; callers switch on `type`. */
export function asDomainEvent<E extends { type: string; data: unknown }>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as E;
}
