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
    await this.store.append(
      tokenIssuanceStream(organizationId),
      [toEventToAppend(event, { ...context, actor, organizationId }, occurredAt(event))],
      {
        expectedRevision: 'any',
      },
    );
  }
}

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
