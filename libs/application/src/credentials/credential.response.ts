import { unreachable, type CredentialState, type FederationTrust, type ServiceAccountState } from '@keyward/domain';

export type CredentialResponse = ReturnType<typeof toCredentialResponse>;

/** A credential as admins see it after a command: no secret, no digest; public keys are public. */
export function toCredentialResponse(state: ServiceAccountState, credentialId: string) {
  const credential = state.status === 'absent' ? undefined : state.credentials.get(credentialId);
  if (!credential) throw new Error('credential missing after command');
  const { id, type, name, scopes, createdAt, revokedAt, expiredAt } = credential;
  return { id, type, name, scopes, ...variantFields(credential), createdAt, revokedAt: revokedAt ?? null, expiredAt: expiredAt ?? null };
}

function variantFields(credential: CredentialState) {
  if (credential.type === 'api_token') {
    return {
      clientId: null,
      tokenEndpointAuthMethod: null,
      jwks: null,
      ...NO_SECRETLESS_FIELDS,
      audiences: [],
      accessTokenLifetimeSeconds: null,
      expiresAt: credential.expiresAt,
    };
  }
  const client = {
    clientId: credential.clientId,
    tokenEndpointAuthMethod: credential.tokenEndpointAuthMethod,
    ...NO_SECRETLESS_FIELDS,
    // RFC 8705 §3.4 metadata name: the certificate methods always bind their tokens.
    tls_client_certificate_bound_access_tokens:
      credential.certificateBoundAccessTokens === true ||
      credential.tokenEndpointAuthMethod === 'tls_client_auth' ||
      credential.tokenEndpointAuthMethod === 'self_signed_tls_client_auth',
    audiences: credential.audiences,
    accessTokenLifetimeSeconds: credential.accessTokenLifetimeSeconds ?? null,
    expiresAt: null,
  };
  switch (credential.tokenEndpointAuthMethod) {
    case 'client_secret_basic':
      return { ...client, jwks: null };
    case 'private_key_jwt':
      return { ...client, jwks: { keys: credential.publicKeys } };
    case 'federated_jwt':
      return { ...client, jwks: null, federation: federationResponse(credential.federation) };
    case 'tls_client_auth':
      // RFC 8705 §2.1.2: the registered name under its metadata name.
      return { ...client, jwks: null, [credential.tlsClientAuth.kind]: credential.tlsClientAuth.value };
    case 'self_signed_tls_client_auth':
      return { ...client, jwks: null, certificates: credential.certificates };
    default:
      return unreachable(credential);
  }
}

const NO_SECRETLESS_FIELDS = { federation: null, certificates: null } as const;

/** The trust as the create body spelled it (subject or subjectPattern). */
export function federationResponse(trust: FederationTrust) {
  const { subject, ...rest } = trust;
  return { ...rest, ...(subject.match === 'exact' ? { subject: subject.value } : { subjectPattern: subject.value }) };
}
