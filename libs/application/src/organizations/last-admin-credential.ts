import {
  isCredentialActive,
  LastAdminCredential,
  organizationDecider,
  organizationStream,
  serviceAccountDecider,
  serviceAccountStream,
  type CredentialState,
  type ServiceAccountState,
} from '@keyward/domain';
import type { AggregateStore } from '../core/aggregate-store';

export const ADMIN_SCOPE = 'manage:service-accounts';

/** What would leave: a whole account (suspend, delete), or some of its credentials (revoke, scopes narrowed). */
export type LeavingAdminAccess = { readonly serviceAccountId: string; readonly credentialIds?: ReadonlySet<string> };

// Only OAuth clients get access tokens, so only they open the admin API; API tokens do not.
const givesAdminAccess = (credential: CredentialState): boolean =>
  credential.type === 'oauth_client' && isCredentialActive(credential) && credential.scopes.includes(ADMIN_SCOPE);

const adminCredentialsOf = (state: ServiceAccountState): CredentialState[] =>
  state.status === 'active' ? [...state.credentials.values()].filter(givesAdminAccess) : [];

/**
 * Refuses a change that would leave the organization without an active credential holding
 * manage:service-accounts (409): nobody could then undo it through the API. Read from the streams, like
 * every command, and only when the change takes away admin access at all; the scan stops at the first
 * other admin credential (usually the bootstrap one, the oldest account). Two concurrent changes can
 * still both pass; `org:recover` is the way back.
 */
export async function requireAnotherAdminCredential(
  aggregates: AggregateStore,
  organizationId: string,
  leaving: LeavingAdminAccess,
  _now: Date,
): Promise<void> {
  const isLeaving = (accountId: string, credentialId: string) =>
    accountId === leaving.serviceAccountId && (leaving.credentialIds === undefined || leaving.credentialIds.has(credentialId));
  const target = await aggregates.load(serviceAccountStream(leaving.serviceAccountId), serviceAccountDecider);
  if (target.state.status === 'absent' || target.state.organizationId !== organizationId) return; // the command itself answers 404
  const targetAdmins = adminCredentialsOf(target.state);
  if (!targetAdmins.some((credential) => isLeaving(leaving.serviceAccountId, credential.id))) return;
  if (targetAdmins.some((credential) => !isLeaving(leaving.serviceAccountId, credential.id))) return;
  const organization = await aggregates.load(organizationStream(organizationId), organizationDecider);
  if (organization.state.status !== 'active') return;
  for (const accountId of organization.state.accounts.keys()) {
    if (accountId === leaving.serviceAccountId) continue;
    const { state } = await aggregates.load(serviceAccountStream(accountId), serviceAccountDecider);
    if (adminCredentialsOf(state).length > 0) return;
  }
  throw new LastAdminCredential();
}
