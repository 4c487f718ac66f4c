import { organizationDecider, OrganizationNotFound, organizationStream } from '@keyward/domain';
import type { AggregateStore } from '../core/aggregate-store';

/** The organization's scope catalog, read from its stream (the CLI has no projections). */
export async function loadScopeCatalog(aggregates: AggregateStore, organizationId: string): Promise<ReadonlySet<string>> {
  const { state } = await aggregates.load(organizationStream(organizationId), organizationDecider);
  if (state.status === 'absent') throw new OrganizationNotFound();
  return new Set(state.scopes.keys());
}
