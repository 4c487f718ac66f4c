import type { OrganizationEvent, ServiceAccountEvent, SigningKeyEvent, TokenIssuanceEvent } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';

/** One event as a store hands it to a projection: its stream, type and data (metadata optional). */
export interface GivenEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly recordedAt?: Date;
}

/**
 * given(events) → then(view): feeds a projection the events in order, with increasing positions and
 * per-stream revisions, exactly as the $all subscription does; the spec then reads the view.
 */
export function givenEvents<P extends { apply(event: RecordedEvent): void }>(projection: P, events: readonly GivenEvent[]): P {
  const revisions = new Map<string, number>();
  events.forEach((event, index) => {
    const revision = revisions.get(event.stream) ?? 0;
    revisions.set(event.stream, revision + 1);
    projection.apply({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      type: event.type,
      data: event.data,
      metadata: { actor: 'test', correlationId: `c-${index}`, ...event.metadata },
      streamName: event.stream,
      revision,
      position: BigInt(index + 1),
      recordedAt: event.recordedAt ?? new Date(0),
    } as RecordedEvent);
  });
  return projection;
}

/** Domain events on the streams they are written to. */
export const onAccountStream = (event: ServiceAccountEvent): GivenEvent => ({
  stream: `service_account-${event.data.serviceAccountId}`,
  ...event,
  metadata: { organizationId: event.data.organizationId },
});
export const onOrganizationStream = (event: OrganizationEvent, recordedAt?: Date): GivenEvent => ({
  stream: `organization-${event.data.organizationId}`,
  ...event,
  metadata: { organizationId: event.data.organizationId },
  recordedAt,
});
export const onTokenStream = (event: TokenIssuanceEvent): GivenEvent => ({
  stream: `token_issuance-${event.data.organizationId ?? 'unknown'}`,
  ...event,
  metadata: { organizationId: event.data.organizationId },
});
export const onSigningKeysStream = (event: SigningKeyEvent): GivenEvent => ({ stream: 'signing_keys', ...event });
