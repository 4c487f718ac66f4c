import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { tokenIssuanceStream, type EventMetadata, type TokenIssuanceEvent } from '@keyward/domain';
import type { EventStore } from '@keyward/event-store';
import type { RequestContext, TokenIssuanceRecorder } from '@keyward/oauth';
import { currentSchemaVersion } from '../../core/event-upcasters';
import { EVENT_STORE } from '../../core/tokens';

/**
 * Appends issuance events with no revision check, straight to the store: concurrent requests land
 * in one group commit. It does not wait for read models; lastUsedAt may trail by a moment.
 */
@Injectable()
export class StoreTokenIssuanceRecorder implements TokenIssuanceRecorder {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(event: TokenIssuanceEvent, context: RequestContext): Promise<void> {
    const organizationId = event.data.organizationId;
    const metadata: EventMetadata = {
      actor: event.data.serviceAccountId ? `service_account:${event.data.serviceAccountId}` : 'anonymous',
      organizationId,
      sourceIp: context.sourceIp,
      userAgent: context.userAgent,
      correlationId: context.correlationId,
      schemaVersion: currentSchemaVersion(event.type),
      occurredAt: occurredAt(event),
    };
    await this.store.append(tokenIssuanceStream(organizationId), [{ id: randomUUID(), type: event.type, data: event.data, metadata: metadata as unknown as Record<string, unknown> }], {
      expectedRevision: 'any',
    });
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
  }
}
