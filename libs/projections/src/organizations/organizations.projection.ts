import { BUILT_IN_SCOPES, SERVICE_ACCOUNT_QUOTA, unreachable, type OrganizationEvent, type Plan } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { asDomainEvent, type Projection } from '../runner/projection';
import { mapsRestart } from '../snapshot/maps-restart';

export interface OrganizationView {
  readonly id: string;
  readonly name: string;
  readonly plan: Plan;
  readonly serviceAccountQuota: number;
  readonly serviceAccountsUsed: number;
  readonly createdAt: string;
}

export interface ScopeView {
  readonly name: string;
  readonly description: string;
  readonly builtIn: boolean;
}

interface OrganizationRecord {
  id: string;
  name: string;
  plan: Plan;
  createdAt: string;
  /** serviceAccountId → when its slot was reserved (ms). */
  accounts: Map<string, number>;
  scopes: Map<string, string>;
}

/** Organizations with their plan, quota usage and scope catalog. */
export class OrganizationsProjection implements Projection {
  readonly name = 'organizations';
  private readonly byId = new Map<string, OrganizationRecord>();
  /** The view get() made of each organization, until its next event: the token endpoint asks for one every grant. */
  private readonly views = new Map<string, OrganizationView>();
  readonly restart = mapsRestart({ byId: this.byId }, () => this.views.clear());

  get(organizationId: string): OrganizationView | undefined {
    const made = this.views.get(organizationId);
    if (made) return made;
    const org = this.byId.get(organizationId);
    if (!org) return undefined;
    const view: OrganizationView = Object.freeze({
      id: org.id,
      name: org.name,
      plan: org.plan,
      serviceAccountQuota: SERVICE_ACCOUNT_QUOTA[org.plan],
      serviceAccountsUsed: org.accounts.size,
      createdAt: org.createdAt,
    });
    this.views.set(organizationId, view);
    return view;
  }

  scopes(organizationId: string): ScopeView[] {
    const org = this.byId.get(organizationId);
    if (!org) return [];
    return [...org.scopes].map(([name, description]) => ({ name, description, builtIn: name in BUILT_IN_SCOPES }));
  }

  organizationIds(): Iterable<string> {
    return this.byId.keys();
  }

  /** Every scope any organization defines, for the discovery document. */
  allScopeNames(): string[] {
    const names = new Set(Object.keys(BUILT_IN_SCOPES));
    for (const org of this.byId.values()) for (const name of org.scopes.keys()) names.add(name);
    return [...names].sort();
  }

  /** Every reserved service-account slot, with when it was reserved (for the abandoned-slot sweeper). */
  *reservedSlots(): Iterable<{ organizationId: string; serviceAccountId: string; reservedAtMs: number }> {
    for (const org of this.byId.values()) {
      for (const [serviceAccountId, reservedAtMs] of org.accounts) yield { organizationId: org.id, serviceAccountId, reservedAtMs };
    }
  }

  apply(recorded: RecordedEvent): void {
    if (!recorded.streamName.startsWith('organization-')) return;
    const event = asDomainEvent<OrganizationEvent>(recorded);
    this.views.delete(event.data.organizationId);
    if (event.type === 'OrganizationCreated') {
      const { organizationId, name, plan, createdAt } = event.data;
      this.byId.set(organizationId, {
        id: organizationId,
        name,
        plan,
        createdAt,
        accounts: new Map(),
        scopes: new Map(Object.entries(BUILT_IN_SCOPES)),
      });
      return;
    }
    const org = this.byId.get(event.data.organizationId);
    if (!org) return;
    switch (event.type) {
      case 'OrganizationPlanChanged':
        org.plan = event.data.plan;
        return;
      case 'ScopeDefined':
        org.scopes.set(event.data.name, event.data.description);
        return;
      case 'ServiceAccountSlotReserved':
        org.accounts.set(event.data.serviceAccountId, occurredAtMs(recorded));
        return;
      case 'ServiceAccountSlotReleased':
        org.accounts.delete(event.data.serviceAccountId);
        return;
      case 'ServiceAccountSlotRenamed':
      case 'ServiceAccountQuotaRefused':
      case 'OrganizationPolicyChanged':
      case 'OrganizationLockdownStarted':
      case 'OrganizationLockdownLifted':
        return;
      default:
        return unreachable(event);
    }
  }
}

/**
 * When the writer says it happened (its injected clock, in the metadata), so the sweeper compares one clock
 * with itself; the store's own recording time only for events written without it.
 */
function occurredAtMs(recorded: RecordedEvent): number {
  const occurredAt = Date.parse(String(recorded.metadata.occurredAt));
  return Number.isNaN(occurredAt) ? recorded.recordedAt.getTime() : occurredAt;
}
