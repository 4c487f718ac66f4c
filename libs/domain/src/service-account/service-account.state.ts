import { copying, owningUpdates, type MapUpdate } from '../shared/collection-updates';
import { unreachable } from '../shared/decider';
import { clientAuthenticationOf } from './client-authentication';
import type { CredentialState, OAuthClientState } from './credential.state';
import type { OAuthClientCreatedData, ServiceAccountEvent } from './service-account.events';

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
  return step(state, event, copying);
}

/**
 * Linear fold of an account's stream: evolving event by event copies the credentials map each time
 * (quadratic in the credentials); a fold copies it once (owningUpdates).
 */
export function startServiceAccountFold(): (state: ServiceAccountState, event: ServiceAccountEvent) => ServiceAccountState {
  const owning = owningUpdates();
  return (state, event) => step(state, event, owning);
}

function step(state: ServiceAccountState, event: ServiceAccountEvent, updateMap: MapUpdate): ServiceAccountState {
  // Every credential change goes through the one map update this fold uses.
  const withCredential = (account: ExistingAccount, credential: CredentialState): ServiceAccountState => ({
    ...account,
    credentials: updateMap(account.credentials, (credentials) => credentials.set(credential.id, credential)),
  });
  const updateCredential = (account: ExistingAccount, id: string, change: (c: CredentialState) => CredentialState): ServiceAccountState => {
    const credential = account.credentials.get(id);
    return credential ? withCredential(account, change(credential)) : account;
  };
  if (event.type === 'ServiceAccountCreated') {
    const { serviceAccountId, organizationId, name, description, createdAt } = event.data;
    return {
      status: 'active',
      id: serviceAccountId,
      organizationId,
      name,
      description,
      owner: event.data.owner ?? null,
      tags: event.data.tags ?? [],
      createdAt,
      credentials: new Map(),
    };
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
    case 'OAuthClientCreated':
      return withCredential(state, oauthClientOf(event.data));
    case 'ApiTokenCreated': {
      const { credentialId, name, tokenDigest, scopes, createdAt, expiresAt } = event.data;
      return withCredential(state, { id: credentialId, type: 'api_token', name, scopes, createdAt, tokenDigest, expiresAt });
    }
    case 'CredentialRenamed':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, name: event.data.name }));
    case 'CredentialScopesChanged':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, scopes: event.data.scopes }));
    case 'ClientSecretRotated':
      return updateCredential(state, event.data.credentialId, (c) =>
        c.type === 'oauth_client' && c.tokenEndpointAuthMethod === 'client_secret_basic'
          ? {
              ...c,
              secrets: {
                currentDigest: event.data.secretDigest,
                previous: { digest: c.secrets.currentDigest, expiresAt: event.data.previousSecretExpiresAt },
              },
              secretIssuedAt: event.data.rotatedAt,
            }
          : c,
      );
    case 'CredentialRevoked':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, revokedAt: event.data.revokedAt }));
    case 'CredentialExpired':
      return updateCredential(state, event.data.credentialId, (c) => ({ ...c, expiredAt: event.data.expiredAt }));
    case 'CredentialRotationDue':
      return updateCredential(state, event.data.credentialId, (c) => ({
        ...c,
        lastReminder: { dueAt: event.data.dueAt, thresholdDays: event.data.thresholdDays },
      }));
    case 'SuspiciousTokenActivity':
      return updateCredential(state, event.data.credentialId, (c) => ({
        ...c,
        suspiciousAt: { ...c.suspiciousAt, [event.data.reason]: event.data.detectedAt },
      }));
    case 'CredentialExpiringSoon':
      return updateCredential(state, event.data.credentialId, (c) => ({
        ...c,
        lastReminder: { dueAt: event.data.expiresAt, thresholdDays: event.data.thresholdDays },
      }));
    case 'ClientPublicKeyAdded':
      return updateCredential(state, event.data.credentialId, (c) =>
        c.type === 'oauth_client' && c.tokenEndpointAuthMethod === 'private_key_jwt'
          ? { ...c, publicKeys: [...c.publicKeys, event.data.publicKey] }
          : c,
      );
    case 'ClientPublicKeyRemoved':
      return updateCredential(state, event.data.credentialId, (c) =>
        c.type === 'oauth_client' && c.tokenEndpointAuthMethod === 'private_key_jwt'
          ? { ...c, publicKeys: c.publicKeys.filter((key) => key.kid !== event.data.kid) }
          : c,
      );
    case 'CredentialAudiencesChanged':
      return updateCredential(state, event.data.credentialId, (c) =>
        c.type === 'oauth_client' ? { ...c, audiences: event.data.audiences } : c,
      );
    case 'CredentialTokenLifetimeChanged':
      return updateCredential(state, event.data.credentialId, (c) => {
        if (c.type !== 'oauth_client') return c;
        const { accessTokenLifetimeSeconds: _previous, ...rest } = c;
        const lifetime = event.data.accessTokenLifetimeSeconds;
        return lifetime === null ? rest : { ...rest, accessTokenLifetimeSeconds: lifetime };
      });
    default:
      return unreachable(event);
  }
}

/** The client as its creation event registered it: the common members, then its auth method's (clientAuthenticationOf). */
function oauthClientOf(data: OAuthClientCreatedData): OAuthClientState {
  const { credentialId, name, clientId, scopes, audiences, accessTokenLifetimeSeconds, certificateBoundAccessTokens, createdAt } = data;
  const common = {
    id: credentialId,
    type: 'oauth_client',
    name,
    scopes,
    createdAt,
    clientId,
    audiences: audiences ?? [],
    ...(accessTokenLifetimeSeconds !== undefined ? { accessTokenLifetimeSeconds } : {}),
    ...(certificateBoundAccessTokens ? { certificateBoundAccessTokens } : {}),
  } as const;
  const authentication = clientAuthenticationOf(data);
  // The state keeps the secret with its rotation history; every other variant as the event registered it.
  return authentication.tokenEndpointAuthMethod === 'client_secret_basic'
    ? {
        ...common,
        tokenEndpointAuthMethod: 'client_secret_basic',
        secrets: { currentDigest: authentication.secretDigest },
        secretIssuedAt: createdAt,
      }
    : { ...common, ...authentication };
}

type ExistingAccount = Exclude<ServiceAccountState, { status: 'absent' }>;
