import { unreachable } from '../shared/decider';
import type { CredentialState } from './credential.state';
import type { ServiceAccountEvent } from './service-account.events';

export type ServiceAccountStatus = 'active' | 'suspended' | 'deleted';

export type ServiceAccountState =
  | { readonly status: 'absent' }
  | {
      readonly status: ServiceAccountStatus;
      readonly id: string;
      readonly organizationId: string;
      readonly name: string;
      readonly description: string;
      readonly owner: string | null;
      readonly tags: readonly string[];
      /** Set while suspended by an organization lockdown. */
      readonly suspendedByLockdown?: string;
      readonly createdAt: string;
      readonly credentials: ReadonlyMap<string, CredentialState>;
    };

export const initialServiceAccountState: ServiceAccountState = { status: 'absent' };

export function evolveServiceAccount(state: ServiceAccountState, event: ServiceAccountEvent): ServiceAccountState {
  if (event.type === 'ServiceAccountCreated') {
    const { serviceAccountId, organizationId, name, description, createdAt } = event.data;
    return { status: 'active', id: serviceAccountId, organizationId, name, description, owner: event.data.owner ?? null, tags: event.data.tags ?? [], createdAt, credentials: new Map() };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'ServiceAccountRenamed':
      return { ...state, name: event.data.name };
    case 'ServiceAccountDescriptionChanged':
      return { ...state, description: event.data.description };
    case 'ServiceAccountOwnershipChanged':
      return { ...state, owner: event.data.owner, tags: event.data.tags };
    case 'ServiceAccountSuspended':
      return { ...state, status: 'suspended', suspendedByLockdown: event.data.lockdownId };
    case 'ServiceAccountReactivated':
      return { ...state, status: 'active', suspendedByLockdown: undefined };
    case 'ServiceAccountDeleted':
      return { ...state, status: 'deleted' };
    case 'OAuthClientCreated': {
      const { credentialId, name, clientId, secretDigest, publicKeys, scopes, audiences, accessTokenLifetimeSeconds, createdAt } = event.data;
      return withCredential(state, {
        id: credentialId,
        type: 'oauth_client',
        name,
        scopes,
        createdAt,
        clientId,
        ...(secretDigest !== undefined ? { secrets: { currentDigest: secretDigest }, secretIssuedAt: createdAt } : {}),
        ...(publicKeys !== undefined ? { publicKeys } : {}),
        ...(audiences !== undefined ? { audiences } : {}),
        ...(accessTokenLifetimeSeconds !== undefined ? { accessTokenLifetimeSeconds } : {}),
      });
    }
    case 'ApiTokenCreated': {
      const { credentialId, name, tokenDigest, scopes, createdAt, expiresAt } = event.data;
      return withCredential(state, { id: credentialId, type: 'api_token', name, scopes, createdAt, tokenDigest, expiresAt });
    }
    case 'CredentialRenamed':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, name: event.data.name }));
    case 'CredentialScopesChanged':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, scopes: event.data.scopes }));
    case 'ClientSecretRotated':
      return updateCredential(state, event.data.credentialId, (c) => ({
        ...c,
        secrets: {
          currentDigest: event.data.secretDigest,
          previous: c.secrets && { digest: c.secrets.currentDigest, expiresAt: event.data.previousSecretExpiresAt },
        },
        secretIssuedAt: event.data.rotatedAt,
      }));
    case 'CredentialRevoked':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, revokedAt: event.data.revokedAt }));
    case 'CredentialExpired':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, expiredAt: event.data.expiredAt }));
    case 'ClientPublicKeyAdded':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, publicKeys: [...(c.publicKeys ?? []), event.data.publicKey] }));
    case 'ClientPublicKeyRemoved':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, publicKeys: (c.publicKeys ?? []).filter((key) => key.kid !== event.data.kid) }));
    case 'CredentialAudiencesChanged':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, audiences: event.data.audiences }));
    case 'CredentialTokenLifetimeChanged':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, accessTokenLifetimeSeconds: event.data.accessTokenLifetimeSeconds ?? undefined }));
    default:
      return unreachable(event);
  }
}

type ExistingAccount = Exclude<ServiceAccountState, { status: 'absent' }>;

function withCredential(state: ExistingAccount, credential: CredentialState): ServiceAccountState {
  return { ...state, credentials: new Map(state.credentials).set(credential.id, credential) };
}

function updateCredential(state: ExistingAccount, id: string, change: (c: CredentialState) => CredentialState): ServiceAccountState {
  const credential = state.credentials.get(id);
  return credential ? withCredential(state, change(credential)) : state;
}
