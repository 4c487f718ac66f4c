import { UpcasterChain, type Upcaster } from '@keyward/event-store';

/**
 * Every upcaster of keyward. When an event's data changes shape, keep the old version readable: add an
 * upcaster from the old version here (its type's current version becomes one more), and change the
 * domain type. Writers stamp each event with its type's current version; reads upcast older ones.
 */
export const EVENT_UPCASTERS: readonly Upcaster[] = [];

const chain = new UpcasterChain(EVENT_UPCASTERS);

/** The schema version new events of this type are written in (1 until its first upcaster). */
export const currentSchemaVersion = (eventType: string): number => chain.currentVersion(eventType);
