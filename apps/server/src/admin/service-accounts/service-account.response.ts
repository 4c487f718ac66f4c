import type { ServiceAccountState } from '@keyward/domain';

/** The public shape of an account after a command: what admins see, never credentials' digests. */
export function toServiceAccountResponse(state: ServiceAccountState) {
  if (state.status === 'absent') throw new Error('no service account state');
  const { id, name, description, owner, tags, status, createdAt } = state;
  return { id, name, description, owner, tags, status, createdAt };
}
