import { BUILT_IN_SCOPES, SERVICE_ACCOUNT_QUOTA, type OrganizationEvent } from '@keyward/domain';
import { givenEvents, onOrganizationStream } from '@keyward/testing/projection-spec';
import { OrganizationsProjection } from './organizations.projection';

const org = { organizationId: 'org-1' };
const created: OrganizationEvent = {
  type: 'OrganizationCreated',
  data: { ...org, name: 'Acme', plan: 'free', createdAt: '2026-12-01T10:00:00.000Z' },
};
const given = (...events: OrganizationEvent[]) =>
  givenEvents(
    new OrganizationsProjection(),
    events.map((event) => onOrganizationStream(event, new Date('2026-12-01T10:00:00Z'))),
  );

describe('OrganizationsProjection: given events, then the view', () => {
  it('shows an organization with its plan, quota and the built-in scopes', () => {
    const projection = given(created);
    expect(projection.get('org-1')).toEqual({
      id: 'org-1',
      name: 'Acme',
      plan: 'free',
      serviceAccountQuota: SERVICE_ACCOUNT_QUOTA.free,
      serviceAccountsUsed: 0,
      createdAt: '2026-12-01T10:00:00.000Z',
    });
    expect(
      projection
        .scopes('org-1')
        .map((scope) => scope.name)
        .sort(),
    ).toEqual(Object.keys(BUILT_IN_SCOPES).sort());
    expect(projection.get('org-2')).toBeUndefined();
  });

  it('counts reserved slots until they are released, and follows plan changes and defined scopes', () => {
    const projection = given(
      created,
      { type: 'ServiceAccountSlotReserved', data: { ...org, serviceAccountId: 'sa-1', name: 'bot' } },
      { type: 'ServiceAccountSlotReserved', data: { ...org, serviceAccountId: 'sa-2', name: 'bot-2' } },
      { type: 'ServiceAccountSlotReleased', data: { ...org, serviceAccountId: 'sa-1' } },
      { type: 'OrganizationPlanChanged', data: { ...org, plan: 'standard', previousPlan: 'free' } },
      { type: 'ScopeDefined', data: { ...org, name: 'read:reports', description: 'Read reports' } },
    );
    expect(projection.get('org-1')).toMatchObject({
      plan: 'standard',
      serviceAccountQuota: SERVICE_ACCOUNT_QUOTA.standard,
      serviceAccountsUsed: 1,
    });
    expect(projection.scopes('org-1')).toContainEqual({ name: 'read:reports', description: 'Read reports', builtIn: false });
    expect([...projection.reservedSlots()]).toEqual([
      { organizationId: 'org-1', serviceAccountId: 'sa-2', reservedAtMs: Date.parse('2026-12-01T10:00:00Z') },
    ]);
  });

  it('shows what followed a view it handed out, after an event and after a restore', () => {
    const projection = given(created);
    expect(projection.get('org-1')).toMatchObject({ plan: 'free', serviceAccountsUsed: 0 });
    givenEvents(projection, [
      onOrganizationStream({ type: 'ServiceAccountSlotReserved', data: { ...org, serviceAccountId: 'sa-1', name: 'bot' } }),
    ]);
    expect(projection.get('org-1')).toMatchObject({ plan: 'free', serviceAccountsUsed: 1 });
    const upgraded = given(created, { type: 'OrganizationPlanChanged', data: { ...org, plan: 'standard', previousPlan: 'free' } });
    const restart = projection.restart;
    if (restart.kind !== 'snapshot' || upgraded.restart.kind !== 'snapshot') throw new Error('a snapshot restart');
    restart.restore(structuredClone(upgraded.restart.state()));
    expect(projection.get('org-1')).toMatchObject({ plan: 'standard', serviceAccountsUsed: 0 });
  });

  it('dates a reservation by the writer’s clock (metadata occurredAt), not by when the store recorded it', () => {
    const reserved = {
      ...onOrganizationStream(
        { type: 'ServiceAccountSlotReserved', data: { ...org, serviceAccountId: 'sa-1', name: 'bot' } },
        new Date('2030-01-01T00:00:00Z'),
      ),
    };
    const projection = givenEvents(new OrganizationsProjection(), [
      onOrganizationStream(created),
      { ...reserved, metadata: { ...reserved.metadata, occurredAt: '2026-12-01T10:05:00.000Z' } },
    ]);
    expect([...projection.reservedSlots()][0].reservedAtMs).toBe(Date.parse('2026-12-01T10:05:00.000Z'));
  });
});
