import type { ServiceAccountEvent, ServiceAccountStatus } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { asDomainEvent, type Projection } from '../runner/projection';
import type { ApiTokenLookup, ApiTokenView, ClientCredentialLookup, ClientCredentialView } from './client-credential-view';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Entry = Mutable<ClientCredentialView> | Mutable<ApiTokenView>;

/** Credentials by client_id (OAuth clients) and by token digest (API tokens), in memory. */
export class ClientCredentialsProjection implements Projection, ClientCredentialLookup, ApiTokenLookup {
  readonly name = 'client-credentials';
  private readonly byClientId = new Map<string, Mutable<ClientCredentialView>>();
  private readonly byTokenDigest = new Map<string, Mutable<ApiTokenView>>();
  private readonly byCredentialId = new Map<string, Entry>();
  private readonly accountStatus = new Map<string, ServiceAccountStatus>();
  private readonly credentialsOfAccount = new Map<string, Entry[]>();

  findByClientId(clientId: string): ClientCredentialView | undefined {
    return this.byClientId.get(clientId);
  }

  findByDigest(tokenDigest: string): ApiTokenView | undefined {
    return this.byTokenDigest.get(tokenDigest);
  }

  apply(recorded: RecordedEvent): void {
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
        const { credentialId, clientId, organizationId, serviceAccountId, scopes, secretDigest } = event.data;
        const entry: Mutable<ClientCredentialView> = {
          credentialId,
          clientId,
          organizationId,
          serviceAccountId,
          scopes,
          currentSecretDigest: secretDigest,
          revoked: false,
          accountStatus: this.accountStatus.get(serviceAccountId) ?? 'active',
        };
        this.byClientId.set(clientId, entry);
        return this.track(entry);
      }
      case 'ApiTokenCreated': {
        const { credentialId, organizationId, serviceAccountId, scopes, tokenDigest, expiresAt } = event.data;
        const entry: Mutable<ApiTokenView> = {
          credentialId,
          organizationId,
          serviceAccountId,
          scopes,
          expiresAtMs: Date.parse(expiresAt),
          revoked: false,
          accountStatus: this.accountStatus.get(serviceAccountId) ?? 'active',
        };
        this.byTokenDigest.set(tokenDigest, entry);
        return this.track(entry);
      }
      case 'CredentialScopesChanged': {
        const entry = this.byCredentialId.get(event.data.credentialId);
        if (entry) entry.scopes = event.data.scopes;
        return;
      }
      case 'ClientSecretRotated': {
        const entry = this.byCredentialId.get(event.data.credentialId);
        if (!entry || !('currentSecretDigest' in entry)) return;
        entry.previousSecret = { digest: entry.currentSecretDigest, expiresAtMs: Date.parse(event.data.previousSecretExpiresAt) };
        entry.currentSecretDigest = event.data.secretDigest;
        return;
      }
      case 'CredentialRevoked': {
        const entry = this.byCredentialId.get(event.data.credentialId);
        if (entry) entry.revoked = true;
        return;
      }
      case 'ServiceAccountRenamed':
      case 'ServiceAccountDescriptionChanged':
      case 'CredentialRenamed':
        return;
    }
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
