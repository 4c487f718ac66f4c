import { unreachable } from '../shared/decider';
import { InvalidInput } from '../shared/domain-error';
import {
  API_TOKEN_DAYS,
  requireCredentialName,
  requireCredentialRoom,
  requireIntegerInRange,
  requireScopes,
  ROTATION_GRACE_SECONDS,
} from './credential.rules';
import { isCredentialActive } from './credential.state';
import { requireAudiences } from './audience.rules';
import { requirePublicKeys } from './client-public-keys.rules';
import { requireFederationTrust } from '../federation/federation-trust.rules';
import { requireClientCertificates, requireTlsClientAuthName } from '../mtls/tls-client-auth';
import { credentialExpiry, expiryFactsOf } from './credential-expiry';
import { requireNameFollows } from '../naming/naming-pattern';
import type { ServiceAccountCommand } from './service-account.commands';
import { CredentialNotFound, LastClientPublicKey, NotAnOAuthClient } from './service-account.errors';
import type { OAuthClientAuthentication, ServiceAccountEvent } from './service-account.events';
import {
  type LiveAccount,
  requireActive,
  requireKeyClient,
  requireLiveCredential,
  requireTokenLifetime,
  sameSet,
} from './credential.guards';

export type CredentialCommand = Extract<
  ServiceAccountCommand,
  {
    type:
      | 'CreateOAuthClient'
      | 'CreateApiToken'
      | 'ChangeCredential'
      | 'RotateClientSecret'
      | 'RevokeCredential'
      | 'AddClientPublicKey'
      | 'RemoveClientPublicKey'
      | 'ExpireCredential';
  }
>;
const DAY_MS = 24 * 3600 * 1000;
/** Their tokens are always certificate-bound: the flag is implied, not stored. */
const CERTIFICATE_METHODS: readonly string[] = ['tls_client_auth', 'self_signed_tls_client_auth'];

/** The credentials of a live service account: OAuth clients (secret or keys) and API tokens. */
export function decideCredential(command: CredentialCommand, state: LiveAccount): ServiceAccountEvent[] {
  const ref = { organizationId: state.organizationId, serviceAccountId: state.id };
  switch (command.type) {
    case 'CreateOAuthClient': {
      requireActive(state);
      requireCredentialRoom(state.credentials);
      const name = requireCredentialName(state.credentials, command.name);
      requireNameFollows('name', name, command.policy?.credentialNamePattern);
      const scopes = requireScopes(command.scopes, command.catalog);
      const { credentialId, clientId } = command;
      const authentication = requireClientAuthentication(command.authentication);
      const audiences = command.audiences && requireAudiences(command.audiences);
      const lifetime = command.accessTokenLifetimeSeconds;
      if (lifetime !== undefined) requireTokenLifetime(lifetime, command.policy);
      const bound = command.certificateBoundAccessTokens === true && !CERTIFICATE_METHODS.includes(authentication.tokenEndpointAuthMethod);
      return [
        {
          type: 'OAuthClientCreated',
          data: {
            ...ref,
            credentialId,
            name,
            clientId,
            ...authentication,
            scopes,
            ...(audiences && audiences.length > 0 ? { audiences } : {}),
            ...(lifetime !== undefined ? { accessTokenLifetimeSeconds: lifetime } : {}),
            ...(bound ? { certificateBoundAccessTokens: true } : {}),
            createdAt: command.now.toISOString(),
          },
        },
      ];
    }
    case 'CreateApiToken': {
      requireActive(state);
      requireCredentialRoom(state.credentials);
      const name = requireCredentialName(state.credentials, command.name);
      requireNameFollows('name', name, command.policy?.credentialNamePattern);
      const scopes = requireScopes(command.scopes, command.catalog);
      const days = requireIntegerInRange('expiresInDays', command.expiresInDays, API_TOKEN_DAYS, 'days');
      const maxAge = command.policy?.apiTokenMaxAgeDays;
      if (maxAge != null && days > maxAge)
        throw new InvalidInput('expiresInDays', `the organization policy allows API tokens of at most ${maxAge} days`);
      const expiresAt = new Date(command.now.getTime() + days * DAY_MS).toISOString();
      const { credentialId, tokenDigest } = command;
      return [
        {
          type: 'ApiTokenCreated',
          data: { ...ref, credentialId, name, tokenDigest, scopes, createdAt: command.now.toISOString(), expiresAt },
        },
      ];
    }
    case 'ChangeCredential': {
      const credential = requireLiveCredential(state, command.credentialId);
      const credentialRef = { ...ref, credentialId: credential.id };
      const events: ServiceAccountEvent[] = [];
      if (command.name !== undefined) {
        const name = requireCredentialName(state.credentials, command.name, credential.id);
        requireNameFollows('name', name, command.policy?.credentialNamePattern);
        if (name !== credential.name) events.push({ type: 'CredentialRenamed', data: { ...credentialRef, name } });
      }
      if (command.scopes !== undefined) {
        const scopes = requireScopes(command.scopes, command.catalog);
        if (!sameSet(scopes, credential.scopes)) {
          events.push({ type: 'CredentialScopesChanged', data: { ...credentialRef, scopes, previousScopes: credential.scopes } });
        }
      }
      if (command.audiences !== undefined) {
        if (credential.type !== 'oauth_client') throw new NotAnOAuthClient('only OAuth clients get access tokens with an audience');
        const audiences = requireAudiences(command.audiences);
        const previousAudiences = credential.audiences ?? [];
        if (audiences.join(' ') !== previousAudiences.join(' '))
          events.push({ type: 'CredentialAudiencesChanged', data: { ...credentialRef, audiences, previousAudiences } });
      }
      if (command.accessTokenLifetimeSeconds !== undefined) {
        if (credential.type !== 'oauth_client') throw new NotAnOAuthClient('only OAuth clients get access tokens with a lifetime');
        const lifetime = command.accessTokenLifetimeSeconds;
        if (lifetime !== null) requireTokenLifetime(lifetime, command.policy);
        const previous = credential.accessTokenLifetimeSeconds ?? null;
        if (lifetime !== previous)
          events.push({
            type: 'CredentialTokenLifetimeChanged',
            data: { ...credentialRef, accessTokenLifetimeSeconds: lifetime, previousLifetimeSeconds: previous },
          });
      }
      return events;
    }
    case 'RotateClientSecret': {
      requireActive(state);
      const credential = requireLiveCredential(state, command.credentialId);
      if (credential.type !== 'oauth_client') throw new NotAnOAuthClient();
      if (credential.tokenEndpointAuthMethod !== 'client_secret_basic')
        throw new NotAnOAuthClient(`a ${credential.tokenEndpointAuthMethod} client has no secret to rotate`);
      const grace = requireIntegerInRange('graceSeconds', command.graceSeconds, ROTATION_GRACE_SECONDS, 'seconds');
      const previousSecretExpiresAt = new Date(command.now.getTime() + grace * 1000).toISOString();
      return [
        {
          type: 'ClientSecretRotated',
          data: {
            ...ref,
            credentialId: credential.id,
            secretDigest: command.secretDigest,
            rotatedAt: command.now.toISOString(),
            previousSecretExpiresAt,
          },
        },
      ];
    }
    case 'RevokeCredential': {
      const credential = state.credentials.get(command.credentialId);
      if (!credential) throw new CredentialNotFound();
      if (!isCredentialActive(credential)) return [];
      return [{ type: 'CredentialRevoked', data: { ...ref, credentialId: credential.id, revokedAt: command.now.toISOString() } }];
    }
    case 'AddClientPublicKey': {
      const credential = requireKeyClient(state, command.credentialId);
      const [publicKey] = requirePublicKeys([command.publicKey], credential.publicKeys);
      return [
        {
          type: 'ClientPublicKeyAdded',
          data: { ...ref, credentialId: credential.id, kid: publicKey.kid, publicKey, addedAt: command.now.toISOString() },
        },
      ];
    }
    case 'RemoveClientPublicKey': {
      const credential = requireKeyClient(state, command.credentialId);
      const keys = credential.publicKeys;
      if (!keys.some((key) => key.kid === command.kid)) throw new InvalidInput('kid', `the client has no key "${command.kid}"`);
      if (keys.length === 1) throw new LastClientPublicKey();
      return [
        {
          type: 'ClientPublicKeyRemoved',
          data: { ...ref, credentialId: credential.id, kid: command.kid, removedAt: command.now.toISOString() },
        },
      ];
    }
    case 'ExpireCredential': {
      const credential = state.credentials.get(command.credentialId);
      if (!credential) throw new CredentialNotFound();
      if (!isCredentialActive(credential)) return [];
      const expiry = credentialExpiry(expiryFactsOf(credential), command.policy);
      if (!expiry || expiry.atMs > command.now.getTime()) return [];
      return [
        {
          type: 'CredentialExpired',
          data: { ...ref, credentialId: credential.id, reason: expiry.reason, expiredAt: command.now.toISOString() },
        },
      ];
    }
    default:
      return unreachable(command);
  }
}

/** RFC 7523 §2.2: a private_key_jwt client authenticates with its keys, so it holds no secret at all. */
function requireClientAuthentication(
  authentication: Extract<CredentialCommand, { type: 'CreateOAuthClient' }>['authentication'],
): OAuthClientAuthentication {
  switch (authentication.tokenEndpointAuthMethod) {
    case 'client_secret_basic':
      return { tokenEndpointAuthMethod: 'client_secret_basic', secretDigest: authentication.secretDigest };
    case 'private_key_jwt':
      return { tokenEndpointAuthMethod: 'private_key_jwt', publicKeys: requirePublicKeys(authentication.publicKeys) };
    case 'federated_jwt':
      return {
        tokenEndpointAuthMethod: 'federated_jwt',
        federation: requireFederationTrust(authentication.federation, { allowInsecureIssuers: authentication.allowInsecureIssuers }),
      };
    case 'tls_client_auth':
      return { tokenEndpointAuthMethod: 'tls_client_auth', tlsClientAuth: requireTlsClientAuthName(authentication.names) };
    case 'self_signed_tls_client_auth':
      return {
        tokenEndpointAuthMethod: 'self_signed_tls_client_auth',
        certificates: requireClientCertificates(authentication.certificates),
      };
    default:
      return unreachable(authentication);
  }
}
