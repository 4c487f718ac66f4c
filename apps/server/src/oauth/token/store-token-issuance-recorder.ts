import { Inject, Injectable } from '@nestjs/common';
import { tokenIssuanceStream, unreachable, type TokenIssuanceEvent } from '@keyward/domain';
import type { EventStore } from '@keyward/event-store';
import type { RequestContext, TokenIssuanceRecorder } from '@keyward/oauth';
import { EVENT_STORE, toEventToAppend } from '@keyward/application';

/**
 * Appends issuance events with no revision check, straight to the store: concurrent requests land
 * in one group commit. It does not wait for read models; lastUsedAt may trail by a moment.
 */
@Injectable()
export class StoreTokenIssuanceRecorder implements TokenIssuanceRecorder {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(event: TokenIssuanceEvent, context: RequestContext): Promise<void> {
    const organizationId = event.data.organizationId;
    const actor = event.data.serviceAccountId ? `service_account:${event.data.serviceAccountId}` : 'anonymous';
    // Named one by one, not spread: a grant's event is built on every request (a spread cost a shape transition each time).
    const metadata = {
      actor,
      organizationId,
      sourceIp: context.sourceIp,
      userAgent: context.userAgent,
      correlationId: context.correlationId,
    };
    await this.store.append(tokenIssuanceStream(organizationId), [toEventToAppend(event, metadata, occurredAt(event))], APPEND_ANY);
  }
}

/** Issuance events need no revision check: concurrent grants share one group commit. */
const APPEND_ANY = { expectedRevision: 'any' } as const;

function occurredAt(event: TokenIssuanceEvent): string {
  switch (event.type) {
    case 'AccessTokenIssued':
      return event.data.issuedAt;
    case 'TokenRequestRefused':
      return event.data.refusedAt;
    case 'AccessTokenRevoked':
      return event.data.revokedAt;
    default:
      return unreachable(event);
  }
}
