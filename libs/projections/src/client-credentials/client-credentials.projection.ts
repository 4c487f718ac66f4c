import {
  bindsTokensToCertificate,
  clientAuthenticationOf,
  DEFAULT_ORGANIZATION_POLICY,
  isCredentialLive,
  policyFromEvent,
  unreachable,
  type OAuthClientCreatedData,
  type OrganizationEvent,
  type OrganizationPolicy,
  type ServiceAccountEvent,
  type ServiceAccountStatus,
} from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { asDomainEvent, type Projection } from '../runner/projection';
import type {
  ApiTokenLookup,
  ApiTokenView,
  ClientCredentialLookup,
  ClientCredentialView,
  CredentialView,
  OrganizationPolicyLookup,
} from './client-credential-view';
import { mapsRestart } from '../snapshot/maps-restart';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
// Mutable distributes over the union: one mutable entry type per variant.
type ClientEntry = Mutable<ClientCredentialView>;
type Entry = ClientEntry | Mutable<ApiTokenView>;

/** Credentials by client_id (OAuth clients) and by token digest (API tokens), with their organizations' policies, in memory. */
export class ClientCredentialsProjection implements Projection, ClientCredentialLookup, ApiTokenLookup, OrganizationPolicyLookup {
  readonly name = 'client-credentials';
  private readonly byClientId = new Map<string, ClientEntry>();
  private readonly byTokenDigest = new Map<string, Mutable<ApiTokenView>>();
  private readonly byCredentialId = new Map<string, Entry>();
  private readonly accountStatus = new Map<string, ServiceAccountStatus>();
  private readonly credentialsOfAccount = new Map<string, Entry[]>();
  private readonly policies = new Map<string, OrganizationPolicy>();
  readonly restart = mapsRestart({
    byClientId: this.byClientId,
    byTokenDigest: this.byTokenDigest,
    byCredentialId: this.byCredentialId,
    accountStatus: this.accountStatus,
    credentialsOfAccount: this.credentialsOfAccount,
    policies: this.policies,
  });

  findByClientId(clientId: string): ClientCredentialView | undefined {
    return this.byClientId.get(clientId);
  }

  findByDigest(tokenDigest: string): ApiTokenView | undefined {
    return this.byTokenDigest.get(tokenDigest);
  }

  policyOf(organizationId: string): OrganizationPolicy {
    return this.policies.get(organizationId) ?? DEFAULT_ORGANIZATION_POLICY;
  }

  /** Credentials neither revoked nor recorded as expired, of accounts not deleted: what the expiry sweeper looks at. */
  *live(): Iterable<CredentialView> {
    for (const entry of this.byCredentialId.values()) if (isCredentialLive(entry)) yield entry;
  }

  apply(recorded: RecordedEvent): void {
    if (recorded.streamName.startsWith('organization-')) return this.applyOrganization(asDomainEvent<OrganizationEvent>(recorded));
    if (!recorded.streamName.startsWith('service_account-')) return;
    const event = asDomainEvent<ServiceAccountEvent>(recorded);
    switch (event.type) {
      case 'ServiceAccountCreated':
        return this.setStatus(event.data.serviceAccountId, 'active');
      case 'ServiceAccountSuspended':
        return this.setStatus(event.data.serviceAccountId, 'suspended');
      case 'ServiceAccountReactivated':
        return this.setStatus(event.data.serviceAccountId, 'active');
      case 'ServiceAccountDeleted':
        return this.setStatus(event.data.serviceAccountId, 'deleted');
      case 'OAuthClientCreated': {
        const entry = this.clientEntryOf(event.data);
        this.byClientId.set(entry.clientId, entry);
        return this.track(entry);
      }
      case 'ApiTokenCreated': {
        const { credentialId, organizationId, serviceAccountId, scopes, tokenDigest, createdAt, expiresAt } = event.data;
        const entry: Mutable<ApiTokenView> = {
          type: 'api_token',
          credentialId,
          organizationId,
          serviceAccountId,
          scopes,
          createdAtMs: Date.parse(createdAt),
          expiresAtMs: Date.parse(expiresAt),
          revoked: false,
          expired: false,
          accountStatus: this.accountStatus.get(serviceAccountId) ?? 'active',
        };
        this.byTokenDigest.set(tokenDigest, entry);
        return this.track(entry);
      }
      case 'CredentialScopesChanged':
        return this.update(event.data.credentialId, (entry) => (entry.scopes = event.data.scopes));
      case 'ClientSecretRotated':
        return this.updateClient(event.data.credentialId, (entry) => {
          if (entry.tokenEndpointAuthMethod !== 'client_secret_basic') return;
          entry.previousSecret = { digest: entry.currentSecretDigest, expiresAtMs: Date.parse(event.data.previousSecretExpiresAt) };
          entry.currentSecretDigest = event.data.secretDigest;
          entry.secretIssuedAtMs = Date.parse(event.data.rotatedAt);
        });
      case 'CredentialRevoked':
        return this.update(event.data.credentialId, (entry) => (entry.revoked = true));
      case 'CredentialExpired':
        return this.update(event.data.credentialId, (entry) => (entry.expired = true));
      // Key sets are replaced, never mutated, so a verifier can cache imported keys by array identity.
      case 'ClientPublicKeyAdded':
        return this.updateClient(event.data.credentialId, (entry) => {
          if (entry.tokenEndpointAuthMethod === 'private_key_jwt') entry.publicKeys = [...entry.publicKeys, event.data.publicKey];
        });
      case 'ClientPublicKeyRemoved':
        return this.updateClient(event.data.credentialId, (entry) => {
          if (entry.tokenEndpointAuthMethod === 'private_key_jwt')
            entry.publicKeys = entry.publicKeys.filter((key) => key.kid !== event.data.kid);
        });
      case 'CredentialAudiencesChanged':
        return this.updateClient(event.data.credentialId, (entry) => (entry.audiences = event.data.audiences));
      case 'CredentialTokenLifetimeChanged':
        return this.updateClient(
          event.data.credentialId,
          (entry) => (entry.accessTokenLifetimeSeconds = event.data.accessTokenLifetimeSeconds ?? undefined),
        );
      case 'ServiceAccountRenamed':
      case 'ServiceAccountDescriptionChanged':
      case 'ServiceAccountOwnershipChanged':
      case 'CredentialRenamed':
      case 'CredentialRotationDue':
      case 'CredentialExpiringSoon':
      case 'SuspiciousTokenActivity':
        return;
      default:
        return unreachable(event);
    }
  }

  private clientEntryOf(data: OAuthClientCreatedData): ClientEntry {
    const { credentialId, clientId, organizationId, serviceAccountId, scopes, audiences, accessTokenLifetimeSeconds, createdAt } = data;
    const createdAtMs = Date.parse(createdAt);
    const accountStatus = this.accountStatus.get(serviceAccountId) ?? 'active';
    const common = {
      type: 'oauth_client',
      credentialId,
      clientId,
      organizationId,
      serviceAccountId,
      scopes,
      audiences: audiences ?? [],
      accessTokenLifetimeSeconds,
      certificateBoundAccessTokens: bindsTokensToCertificate(data),
      createdAtMs,
      revoked: false,
      expired: false,
      accountStatus,
    } as const;
    const authentication = clientAuthenticationOf(data);
    // The secret as the token endpoint compares it (digest, issue time in ms); every other variant as registered.
    return authentication.tokenEndpointAuthMethod === 'client_secret_basic'
      ? {
          ...common,
          tokenEndpointAuthMethod: 'client_secret_basic',
          currentSecretDigest: authentication.secretDigest,
          secretIssuedAtMs: createdAtMs,
        }
      : { ...common, ...authentication };
  }

  private applyOrganization(event: OrganizationEvent): void {
    if (event.type !== 'OrganizationPolicyChanged') return;
    this.policies.set(event.data.organizationId, policyFromEvent(event.data));
  }

  private update(credentialId: string, change: (entry: Entry) => unknown): void {
    const entry = this.byCredentialId.get(credentialId);
    if (entry) change(entry);
  }

  private updateClient(credentialId: string, change: (entry: ClientEntry) => unknown): void {
    const entry = this.byCredentialId.get(credentialId);
    if (entry?.type === 'oauth_client') change(entry);
  }

  private track(entry: Entry): void {
    this.byCredentialId.set(entry.credentialId, entry);
    const list = this.credentialsOfAccount.get(entry.serviceAccountId) ?? [];
    list.push(entry);
    this.credentialsOfAccount.set(entry.serviceAccountId, list);
  }

  private setStatus(serviceAccountId: string, status: ServiceAccountStatus): void {
    this.accountStatus.set(serviceAccountId, status);
    for (const entry of this.credentialsOfAccount.get(serviceAccountId) ?? []) entry.accountStatus = status;
  }
}
