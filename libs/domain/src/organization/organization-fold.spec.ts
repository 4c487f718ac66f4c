import { organizationDecider, MAX_SCOPES_PER_ORGANIZATION } from './organization.decide';
import { ScopeLimitReached } from './organization.errors';
import type { OrganizationEvent } from './organization.events';
import { foldOrganization } from './organization.state';

const organizationId = 'org-1';
const created: OrganizationEvent = {
  type: 'OrganizationCreated',
  data: { organizationId, name: 'Acme', plan: 'enterprise', createdAt: '2026-01-01T00:00:00.000Z' },
};
const scope = (i: number): OrganizationEvent => ({
  type: 'ScopeDefined',
  data: { organizationId, name: `read:r${i}`, description: `r${i}` },
});

describe('organization stream: linear fold, capped scopes', () => {
  it('folds to the same state as evolving event by event, without sharing maps with earlier states', () => {
    const events: OrganizationEvent[] = [
      created,
      scope(1),
      {
        type: 'ServiceAccountSlotReserved',
        data: { organizationId, serviceAccountId: 'a1', name: 'one', reservedAt: '2026-01-01T00:00:00.000Z' },
      } as OrganizationEvent,
      {
        type: 'ServiceAccountSlotReserved',
        data: { organizationId, serviceAccountId: 'a2', name: 'two', reservedAt: '2026-01-01T00:00:00.000Z' },
      } as OrganizationEvent,
      { type: 'ServiceAccountSlotReleased', data: { organizationId, serviceAccountId: 'a1' } } as OrganizationEvent,
      scope(2),
    ];
    const evolved = events.reduce(organizationDecider.evolve, organizationDecider.initialState);
    expect(foldOrganization(events)).toEqual(evolved);
    const before = foldOrganization(events.slice(0, 2));
    foldOrganization(events);
    expect(before.status === 'active' && [...before.scopes.keys()]).not.toContain('read:r2');
  });

  it('refuses a scope past the cap with 403 scope_limit_reached', () => {
    const full = foldOrganization([created, ...Array.from({ length: MAX_SCOPES_PER_ORGANIZATION }, (_, i) => scope(i))]);
    expect(() => organizationDecider.decide({ type: 'DefineScope', name: 'read:one-more', description: 'x' } as never, full)).toThrow(
      ScopeLimitReached,
    );
  });
});
