import type { EventMetadata } from '@keyward/domain';
import { newEventId, type EventToAppend } from '@keyward/event-store';
import type { CommandContext } from './command-context';
import { currentSchemaVersion } from './event-upcasters';

/** A domain event in the envelope every writer stores: a fresh id (time-ordered, which the stores index cheaply), who and where from, when, its schema version. */
export function toEventToAppend(
  event: { readonly type: string; readonly data: unknown },
  context: CommandContext,
  occurredAt: string,
): EventToAppend {
  const metadata: EventMetadata = {
    actor: context.actor,
    organizationId: context.organizationId,
    sourceIp: context.sourceIp,
    userAgent: context.userAgent,
    correlationId: context.correlationId,
    occurredAt,
    schemaVersion: currentSchemaVersion(event.type),
  };
  return { id: newEventId(), type: event.type, data: event.data, metadata: metadata as unknown as Record<string, unknown> };
}
