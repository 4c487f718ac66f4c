import { organizationDecider, OrganizationNotFound, organizationStream, type OrganizationPolicy } from '@keyward/domain';
import type { AggregateStore } from '../core/aggregate-store';

/** What credential commands need from the organization: its scope catalog and its policy, read from its stream. */
export async function loadOrganizationRules(
  aggregates: AggregateStore,
  organizationId: string,
): Promise<{ catalog: ReadonlySet<string>; policy: OrganizationPolicy }> {
  const { state } = await aggregates.load(organizationStream(organizationId), organizationDecider);
  if (state.status === 'absent') throw new OrganizationNotFound();
  return { catalog: new Set(state.scopes.keys()), policy: state.policy };
}
