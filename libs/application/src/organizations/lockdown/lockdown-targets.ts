import {
  isCredentialActive,
  organizationDecider,
  OrganizationNotFound,
  organizationStream,
  serviceAccountDecider,
  serviceAccountStream,
  type OrganizationState,
  type ServiceAccountState,
} from '@keyward/domain';
import type { AggregateStore } from '../../core/aggregate-store';

export interface LockdownTarget {
  readonly serviceAccountId: string;
  readonly name: string;
  /** The credentials that stop working with the account: live ones only. */
  readonly credentials: readonly { readonly credentialId: string; readonly name: string; readonly type: string }[];
}

type ActiveOrganization = Extract<OrganizationState, { status: 'active' }>;
type LiveAccount = Exclude<ServiceAccountState, { status: 'absent' | 'deleted' }>;

// Accounts are read from their own streams, a few at a time: at most the plan's quota (1,000) of them.
const PARALLEL_READS = 8;

export async function loadOrganization(aggregates: AggregateStore, organizationId: string): Promise<ActiveOrganization> {
  const { state } = await aggregates.load(organizationStream(organizationId), organizationDecider);
  if (state.status === 'absent') throw new OrganizationNotFound();
  return state;
}

export async function loadAccounts(aggregates: AggregateStore, ids: readonly string[]): Promise<LiveAccount[]> {
  const accounts: LiveAccount[] = [];
  for (let start = 0; start < ids.length; start += PARALLEL_READS) {
    const states = await Promise.all(
      ids
        .slice(start, start + PARALLEL_READS)
        .map(async (id) => (await aggregates.load(serviceAccountStream(id), serviceAccountDecider)).state),
    );
    for (const state of states) if (state.status === 'active' || state.status === 'suspended') accounts.push(state);
  }
  return accounts;
}

export function toTarget(account: LiveAccount): LockdownTarget {
  const credentials = [...account.credentials.values()]
    .filter(isCredentialActive)
    .map((c) => ({ credentialId: c.id, name: c.name, type: c.type }));
  return { serviceAccountId: account.id, name: account.name, credentials };
}
