import type { ServiceAccountState } from '@keyward/domain';

/** A credential as admins see it after a command: no secret, no digest; public keys are public. */
export function toCredentialResponse(state: ServiceAccountState, credentialId: string) {
  const credential = state.status === 'absent' ? undefined : state.credentials.get(credentialId);
  if (!credential) throw new Error('credential missing after command');
  const { id, type, name, scopes, clientId, createdAt, expiresAt, revokedAt, expiredAt, publicKeys, audiences, accessTokenLifetimeSeconds } = credential;
  return {
    id,
    type,
    name,
    scopes,
    clientId: clientId ?? null,
    tokenEndpointAuthMethod: type === 'api_token' ? null : publicKeys ? 'private_key_jwt' : 'client_secret_basic',
    jwks: publicKeys ? { keys: publicKeys } : null,
    audiences: audiences ?? [],
    accessTokenLifetimeSeconds: accessTokenLifetimeSeconds ?? null,
    createdAt,
    expiresAt: expiresAt ?? null,
    revokedAt: revokedAt ?? null,
    expiredAt: expiredAt ?? null,
  };
}
