import { unreachable, type CredentialState, type ServiceAccountState } from '@keyward/domain';

/** A credential as admins see it after a command: no secret, no digest; public keys are public. */
export function toCredentialResponse(state: ServiceAccountState, credentialId: string) {
  const credential = state.status === 'absent' ? undefined : state.credentials.get(credentialId);
  if (!credential) throw new Error('credential missing after command');
  const { id, type, name, scopes, createdAt, revokedAt, expiredAt } = credential;
  return { id, type, name, scopes, ...variantFields(credential), createdAt, revokedAt: revokedAt ?? null, expiredAt: expiredAt ?? null };
}

function variantFields(credential: CredentialState) {
  if (credential.type === 'api_token') {
    return { clientId: null, tokenEndpointAuthMethod: null, jwks: null, audiences: [], accessTokenLifetimeSeconds: null, expiresAt: credential.expiresAt };
  }
  const client = { clientId: credential.clientId, tokenEndpointAuthMethod: credential.tokenEndpointAuthMethod, audiences: credential.audiences, accessTokenLifetimeSeconds: credential.accessTokenLifetimeSeconds ?? null, expiresAt: null };
  switch (credential.tokenEndpointAuthMethod) {
    case 'client_secret_basic':
      return { ...client, jwks: null };
    case 'private_key_jwt':
      return { ...client, jwks: { keys: credential.publicKeys } };
    default:
      return unreachable(credential);
  }
}
