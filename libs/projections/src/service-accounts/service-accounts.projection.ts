import { unreachable, type OAuthClientCreatedData, type ServiceAccountEvent, type TokenIssuanceEvent } from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { asDomainEvent, type Projection } from '../runner/projection';
import type { CredentialSummary, ServiceAccountDetails, ServiceAccountFilter, ServiceAccountSummary } from './service-account-view';
import { mapsRestart } from '../snapshot/maps-restart';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
interface AccountRecord extends Mutable<ServiceAccountSummary> {
  credentials: Map<string, Mutable<CredentialSummary>>;
}

/** Service accounts by organization, with their credentials and when each was last used. */
export class ServiceAccountsProjection implements Projection {
  readonly name = 'service-accounts';
  private readonly byOrganization = new Map<string, Map<string, AccountRecord>>();
  private readonly byId = new Map<string, AccountRecord>();
  private readonly credentialById = new Map<string, Mutable<CredentialSummary>>();
  readonly restart = mapsRestart({ byOrganization: this.byOrganization, byId: this.byId, credentialById: this.credentialById });

  list(organizationId: string, filter: ServiceAccountFilter = {}): ServiceAccountSummary[] {
    const owner = filter.owner?.toLowerCase();
    return [...(this.byOrganization.get(organizationId)?.values() ?? [])]
      .filter(
        (account) =>
          (owner === undefined || account.owner?.toLowerCase() === owner) &&
          (filter.tag === undefined || account.tags.includes(filter.tag)),
      )
      .map(summary);
  }

  /** Undefined for another organization's account, so callers answer 404 and leak nothing. */
  get(organizationId: string, serviceAccountId: string): ServiceAccountDetails | undefined {
    const account = this.byOrganization.get(organizationId)?.get(serviceAccountId);
    return account && { ...summary(account), credentials: [...account.credentials.values()].map((c) => ({ ...c })) };
  }

  apply(recorded: RecordedEvent): void {
    if (recorded.streamName.startsWith('token_issuance-')) {
      const event = asDomainEvent<TokenIssuanceEvent>(recorded);
      if (event.type === 'AccessTokenIssued') {
        const credential = this.credentialById.get(event.data.credentialId);
        if (credential) credential.lastUsedAt = event.data.issuedAt;
      }
      return;
    }
    if (!recorded.streamName.startsWith('service_account-')) return;
    const event = asDomainEvent<ServiceAccountEvent>(recorded);
    if (event.type === 'ServiceAccountCreated') {
      const { serviceAccountId, organizationId, name, description, createdAt } = event.data;
      const owner = event.data.owner ?? null;
      const record: AccountRecord = {
        id: serviceAccountId,
        organizationId,
        name,
        description,
        owner,
        tags: event.data.tags ?? [],
        status: 'active',
        createdAt,
        credentials: new Map(),
      };
      this.byId.set(serviceAccountId, record);
      const accounts = this.byOrganization.get(organizationId) ?? new Map<string, AccountRecord>();
      this.byOrganization.set(organizationId, accounts.set(serviceAccountId, record));
      return;
    }
    const account = this.byId.get(event.data.serviceAccountId);
    if (!account) return;
    switch (event.type) {
      case 'ServiceAccountRenamed':
        account.name = event.data.name;
        return;
      case 'ServiceAccountDescriptionChanged':
        account.description = event.data.description;
        return;
      case 'ServiceAccountOwnershipChanged':
        account.owner = event.data.owner;
        account.tags = event.data.tags;
        return;
      case 'ServiceAccountSuspended':
        account.status = 'suspended';
        return;
      case 'ServiceAccountReactivated':
        account.status = 'active';
        return;
      case 'ServiceAccountDeleted':
        this.byOrganization.get(account.organizationId)?.delete(account.id);
        this.byId.delete(account.id);
        for (const id of account.credentials.keys()) this.credentialById.delete(id);
        return;
      case 'OAuthClientCreated':
      case 'ApiTokenCreated': {
        const credential = event.type === 'OAuthClientCreated' ? clientSummary(event.data) : apiTokenSummary(event.data);
        account.credentials.set(credential.id, credential);
        this.credentialById.set(credential.id, credential);
        return;
      }
      case 'CredentialRenamed':
        return this.updateCredential(account, event.data.credentialId, (c) => (c.name = event.data.name));
      case 'CredentialScopesChanged':
        return this.updateCredential(account, event.data.credentialId, (c) => (c.scopes = event.data.scopes));
      case 'ClientSecretRotated':
        return this.updateCredential(account, event.data.credentialId, (c) => {
          c.secretRotatedAt = event.data.rotatedAt;
          c.previousSecretExpiresAt = event.data.previousSecretExpiresAt;
        });
      case 'CredentialRevoked':
        return this.updateCredential(account, event.data.credentialId, (c) => (c.revokedAt = event.data.revokedAt));
      case 'CredentialExpired':
        return this.updateCredential(account, event.data.credentialId, (c) => (c.expiredAt = event.data.expiredAt));
      case 'ClientPublicKeyAdded':
        return this.updateCredential(account, event.data.credentialId, (c) => (c.publicKeyIds = [...c.publicKeyIds, event.data.kid]));
      case 'ClientPublicKeyRemoved':
        return this.updateCredential(
          account,
          event.data.credentialId,
          (c) => (c.publicKeyIds = c.publicKeyIds.filter((kid) => kid !== event.data.kid)),
        );
      case 'CredentialAudiencesChanged':
        return this.updateCredential(account, event.data.credentialId, (c) => (c.audiences = event.data.audiences));
      case 'CredentialTokenLifetimeChanged':
        return this.updateCredential(
          account,
          event.data.credentialId,
          (c) => (c.accessTokenLifetimeSeconds = event.data.accessTokenLifetimeSeconds),
        );
      // Reminders are for alerting (the audit topic); the read model shows expiry itself.
      case 'CredentialRotationDue':
      case 'CredentialExpiringSoon':
      case 'SuspiciousTokenActivity':
        return;
      default:
        return unreachable(event);
    }
  }

  private updateCredential(account: AccountRecord, credentialId: string, change: (c: Mutable<CredentialSummary>) => unknown): void {
    const credential = account.credentials.get(credentialId);
    if (credential) change(credential);
  }
}

type ApiTokenCreatedData = Extract<ServiceAccountEvent, { type: 'ApiTokenCreated' }>['data'];

const NO_SECRETLESS_FIELDS = { federation: null, tlsClientAuth: null, certificates: [], certificateBoundAccessTokens: false } as const;

const NEVER_USED = { lastUsedAt: null, secretRotatedAt: null, previousSecretExpiresAt: null, revokedAt: null, expiredAt: null } as const;

function clientSummary(data: OAuthClientCreatedData): Mutable<CredentialSummary> {
  const { credentialId, name, scopes, createdAt, clientId, audiences, accessTokenLifetimeSeconds, tokenEndpointAuthMethod } = data;
  const certificateBoundAccessTokens =
    data.certificateBoundAccessTokens === true ||
    tokenEndpointAuthMethod === 'tls_client_auth' ||
    tokenEndpointAuthMethod === 'self_signed_tls_client_auth';
  const base = {
    id: credentialId,
    type: 'oauth_client',
    name,
    scopes,
    clientId,
    createdAt,
    expiresAt: null,
    ...NEVER_USED,
    tokenEndpointAuthMethod,
    audiences: audiences ?? [],
    accessTokenLifetimeSeconds: accessTokenLifetimeSeconds ?? null,
    ...NO_SECRETLESS_FIELDS,
    certificateBoundAccessTokens,
  } as const;
  switch (data.tokenEndpointAuthMethod) {
    case 'client_secret_basic':
      return { ...base, publicKeyIds: [] };
    case 'private_key_jwt':
      return { ...base, publicKeyIds: data.publicKeys.map((key) => key.kid) };
    case 'federated_jwt':
      return { ...base, publicKeyIds: [], federation: data.federation };
    case 'tls_client_auth':
      return { ...base, publicKeyIds: [], tlsClientAuth: data.tlsClientAuth };
    case 'self_signed_tls_client_auth':
      return { ...base, publicKeyIds: [], certificates: data.certificates };
    default:
      return unreachable(data);
  }
}

function apiTokenSummary({ credentialId, name, scopes, createdAt, expiresAt }: ApiTokenCreatedData): Mutable<CredentialSummary> {
  return {
    id: credentialId,
    type: 'api_token',
    name,
    scopes,
    clientId: null,
    createdAt,
    expiresAt,
    ...NEVER_USED,
    tokenEndpointAuthMethod: null,
    publicKeyIds: [],
    audiences: [],
    accessTokenLifetimeSeconds: null,
    ...NO_SECRETLESS_FIELDS,
  };
}

const summary = ({ id, organizationId, name, description, owner, tags, status, createdAt }: AccountRecord): ServiceAccountSummary => ({
  id,
  organizationId,
  name,
  description,
  owner,
  tags,
  status,
  createdAt,
});
