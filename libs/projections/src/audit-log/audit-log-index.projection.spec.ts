import { givenEvents } from '@keyward/testing/projection-spec';
import { AuditLogIndexProjection } from './audit-log-index.projection';

const entity = (stream: string, organizationId: string, serviceAccountId?: string) => ({
  stream,
  type: 'Something',
  data: { organizationId, serviceAccountId },
  metadata: { organizationId },
});

describe('AuditLogIndexProjection: given events, then the index', () => {
  const projection = givenEvents(new AuditLogIndexProjection(), [
    entity('organization-o1', 'o1'), // 1
    entity('service_account-a', 'o1', 'a'), // 2
    entity('token_issuance-o1', 'o1', 'a'), // 3: token history is read from its own stream, never indexed
    entity('service_account-b', 'o1', 'b'), // 4
    entity('checkpoint_relay', 'o1'), // 5: never audited
    entity('service_account-c', 'o2', 'c'), // 6
    entity('service_account-a', 'o1', 'a'), // 7
  ]);

  it('pages an organization’s entity events newest first, before a position', () => {
    expect(projection.page('o1', { limit: 10 })).toEqual([7n, 4n, 2n, 1n]);
    expect(projection.page('o1', { limit: 2 })).toEqual([7n, 4n]);
    expect(projection.page('o1', { before: 4n, limit: 10 })).toEqual([2n, 1n]);
  });

  it('pages one service account’s events, and nothing of another organization', () => {
    expect(projection.page('o1', { serviceAccountId: 'a', limit: 10 })).toEqual([7n, 2n]);
    expect(projection.page('o2', { serviceAccountId: 'a', limit: 10 })).toEqual([]);
    expect(projection.page('o3', { limit: 10 })).toEqual([]);
  });
});
