import type { ServiceAccountState } from '@keyward/domain';

/** A credential as admins see it after a command: no secret, no digest. */
export function toCredentialResponse(state: ServiceAccountState, credentialId: string) {
  const credential = state.status === 'absent' ? undefined : state.credentials.get(credentialId);
  if (!credential) throw new Error('credential missing after command');
  const { id, type, name, scopes, clientId, createdAt, expiresAt, revokedAt } = credential;
  return { id, type, name, scopes, clientId: clientId ?? null, createdAt, expiresAt: expiresAt ?? null, revokedAt: revokedAt ?? null };
}
