import { EVENT_UPCASTERS as DOMAIN_UPCASTERS } from '@keyward/domain';
import { UpcasterChain, type Upcaster } from '@keyward/event-store';

/** The domain's upcasters (libs/domain/src/schema/event-upcasters.ts), checked for gaps once at load. */
export const EVENT_UPCASTERS: readonly Upcaster[] = DOMAIN_UPCASTERS;

const chain = new UpcasterChain(EVENT_UPCASTERS);

/** The schema version new events of this type are written in (1 until its first upcaster). */
export const currentSchemaVersion = (eventType: string): number => chain.currentVersion(eventType);
