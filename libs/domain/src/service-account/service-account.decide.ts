import { unreachable, type Decider } from '../shared/decider';
import { requireDescription, requireName } from '../shared/names';
import {
  API_TOKEN_DAYS,
  requireCredentialName,
  requireCredentialRoom,
  requireIntegerInRange,
  requireScopes,
  ROTATION_GRACE_SECONDS,
} from './credential.rules';
import { isCredentialActive, type CredentialState } from './credential.state';
import type { ServiceAccountCommand } from './service-account.commands';
import {
  CredentialNotFound,
  CredentialRevokedAlready,
  NotAnOAuthClient,
  ServiceAccountAlreadyExists,
  ServiceAccountNotActive,
  ServiceAccountNotFound,
} from './service-account.errors';
import type { ServiceAccountEvent } from './service-account.events';
import { evolveServiceAccount, initialServiceAccountState, type ServiceAccountState } from './service-account.state';

type LiveAccount = Exclude<ServiceAccountState, { status: 'absent' | 'deleted' }>;
const DAY_MS = 24 * 3600 * 1000;

export function decideServiceAccount(command: ServiceAccountCommand, state: ServiceAccountState): ServiceAccountEvent[] {
  if (command.type === 'CreateServiceAccount') {
    if (state.status !== 'absent') throw new ServiceAccountAlreadyExists();
    const name = requireName('name', command.name);
    const description = requireDescription('description', command.description);
    const { serviceAccountId, organizationId } = command;
    return [{ type: 'ServiceAccountCreated', data: { serviceAccountId, organizationId, name, description, createdAt: command.now.toISOString() } }];
  }
  // A deleted account is gone for every purpose: its id answers like an unknown one.
  if (state.status === 'absent' || state.status === 'deleted') throw new ServiceAccountNotFound();
  const ref = { organizationId: state.organizationId, serviceAccountId: state.id };

  switch (command.type) {
    case 'ChangeServiceAccountDetails': {
      const events: ServiceAccountEvent[] = [];
      if (command.name !== undefined) {
        const name = requireName('name', command.name);
        if (name !== state.name) events.push({ type: 'ServiceAccountRenamed', data: { ...ref, name, previousName: state.name } });
      }
      if (command.description !== undefined) {
        const description = requireDescription('description', command.description);
        if (description !== state.description) events.push({ type: 'ServiceAccountDescriptionChanged', data: { ...ref, description } });
      }
      return events;
    }
    case 'SuspendServiceAccount':
      if (state.status === 'suspended') return [];
      return [{ type: 'ServiceAccountSuspended', data: { ...ref, reason: requireDescription('reason', command.reason), suspendedAt: command.now.toISOString() } }];
    case 'ReactivateServiceAccount':
      if (state.status === 'active') return [];
      return [{ type: 'ServiceAccountReactivated', data: { ...ref, reactivatedAt: command.now.toISOString() } }];
    case 'DeleteServiceAccount':
      return [{ type: 'ServiceAccountDeleted', data: { ...ref, deletedAt: command.now.toISOString() } }];
    case 'CreateOAuthClient': {
      requireActive(state);
      requireCredentialRoom(state.credentials);
      const name = requireCredentialName(state.credentials, command.name);
      const scopes = requireScopes(command.scopes, command.catalog);
      const { credentialId, clientId, secretDigest } = command;
      return [{ type: 'OAuthClientCreated', data: { ...ref, credentialId, name, clientId, secretDigest, scopes, createdAt: command.now.toISOString() } }];
    }
    case 'CreateApiToken': {
      requireActive(state);
      requireCredentialRoom(state.credentials);
      const name = requireCredentialName(state.credentials, command.name);
      const scopes = requireScopes(command.scopes, command.catalog);
      const days = requireIntegerInRange('expiresInDays', command.expiresInDays, API_TOKEN_DAYS, 'days');
      const expiresAt = new Date(command.now.getTime() + days * DAY_MS).toISOString();
      const { credentialId, tokenDigest } = command;
      return [{ type: 'ApiTokenCreated', data: { ...ref, credentialId, name, tokenDigest, scopes, createdAt: command.now.toISOString(), expiresAt } }];
    }
    case 'ChangeCredential': {
      const credential = requireLiveCredential(state, command.credentialId);
      const credentialRef = { ...ref, credentialId: credential.id };
      const events: ServiceAccountEvent[] = [];
      if (command.name !== undefined) {
        const name = requireCredentialName(state.credentials, command.name, credential.id);
        if (name !== credential.name) events.push({ type: 'CredentialRenamed', data: { ...credentialRef, name } });
      }
      if (command.scopes !== undefined) {
        const scopes = requireScopes(command.scopes, command.catalog);
        if (!sameSet(scopes, credential.scopes)) {
          events.push({ type: 'CredentialScopesChanged', data: { ...credentialRef, scopes, previousScopes: credential.scopes } });
        }
      }
      return events;
    }
    case 'RotateClientSecret': {
      requireActive(state);
      const credential = requireLiveCredential(state, command.credentialId);
      if (credential.type !== 'oauth_client') throw new NotAnOAuthClient();
      const grace = requireIntegerInRange('graceSeconds', command.graceSeconds, ROTATION_GRACE_SECONDS, 'seconds');
      const previousSecretExpiresAt = new Date(command.now.getTime() + grace * 1000).toISOString();
      return [
        {
          type: 'ClientSecretRotated',
          data: { ...ref, credentialId: credential.id, secretDigest: command.secretDigest, rotatedAt: command.now.toISOString(), previousSecretExpiresAt },
        },
      ];
    }
    case 'RevokeCredential': {
      const credential = state.credentials.get(command.credentialId);
      if (!credential) throw new CredentialNotFound();
      if (!isCredentialActive(credential)) return [];
      return [{ type: 'CredentialRevoked', data: { ...ref, credentialId: credential.id, revokedAt: command.now.toISOString() } }];
    }
    default:
      return unreachable(command);
  }
}

function requireActive(state: LiveAccount): void {
  if (state.status !== 'active') throw new ServiceAccountNotActive(state.status);
}

function requireLiveCredential(state: LiveAccount, credentialId: string): CredentialState {
  const credential = state.credentials.get(credentialId);
  if (!credential) throw new CredentialNotFound();
  if (!isCredentialActive(credential)) throw new CredentialRevokedAlready();
  return credential;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export const serviceAccountDecider: Decider<ServiceAccountCommand, ServiceAccountEvent, ServiceAccountState> = {
  initialState: initialServiceAccountState,
  decide: decideServiceAccount,
  evolve: evolveServiceAccount,
};
