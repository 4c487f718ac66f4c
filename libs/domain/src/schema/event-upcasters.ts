import { oauthClientCreatedV1 } from '../service-account/oauth-client-created.upcaster';
import type { EventUpcaster } from './event-upcaster';

/**
 * Every upcaster of keyward. When an event's data changes shape, keep the old version readable: add
 * an upcaster from the old version here (its type's current version becomes one more) and change the
 * domain type. Writers stamp each event with its type's current version; the store upcasts older ones on read.
 */
export const EVENT_UPCASTERS: readonly EventUpcaster[] = [oauthClientCreatedV1];

/** The schema version new events of this type are written in: one past its newest upcaster (1 when it has none). */
export function currentSchemaVersion(eventType: string): number {
  return EVENT_UPCASTERS.reduce(
    (version, upcaster) => (upcaster.type === eventType ? Math.max(version, upcaster.fromVersion + 1) : version),
    1,
  );
}
