import type { FederationTrust } from '../federation/federation-trust';
import type { RegisteredClientCertificate, TlsClientAuthName } from '../mtls/tls-client-auth';
import type { ClientPublicJwk, CredentialExpiryReason } from './credential.state';

/** Stream `service_account-{serviceAccountId}`: the account and its credentials. Digests are HMACs; secrets never appear. */
interface AccountRef {
  readonly organizationId: string;
  readonly serviceAccountId: string;
}
interface CredentialRef extends AccountRef {
  readonly credentialId: string;
}

/**
 * How the client authenticates, explicit since schema version 2 (version 1 told it by which field was
 * present; its upcaster adds the method). One variant per RFC 7591 token_endpoint_auth_method.
 */
export type OAuthClientAuthentication =
  | { readonly tokenEndpointAuthMethod: 'client_secret_basic'; readonly secretDigest: string }
  /** RFC 7523 §2.2: the client holds public keys instead of a secret. */
  | { readonly tokenEndpointAuthMethod: 'private_key_jwt'; readonly publicKeys: readonly ClientPublicJwk[] }
  /** Workload identity federation: the external provider and what its tokens must say. */
  | { readonly tokenEndpointAuthMethod: 'federated_jwt'; readonly federation: FederationTrust }
  /** RFC 8705 §2.1.2: the one name its CA-issued certificate must carry. */
  | { readonly tokenEndpointAuthMethod: 'tls_client_auth'; readonly tlsClientAuth: TlsClientAuthName }
  /** RFC 8705 §2.2: its self-signed certificates, by thumbprint. */
  | { readonly tokenEndpointAuthMethod: 'self_signed_tls_client_auth'; readonly certificates: readonly RegisteredClientCertificate[] };

export type OAuthClientCreatedData = CredentialRef &
  OAuthClientAuthentication & {
    readonly name: string;
    readonly clientId: string;
    readonly scopes: readonly string[];
    readonly audiences?: readonly string[];
    readonly accessTokenLifetimeSeconds?: number;
    /** RFC 8705 §3: its access tokens carry cnf.x5t#S256 (implied by the certificate methods). */
    readonly certificateBoundAccessTokens?: boolean;
    readonly createdAt: string;
  };

export type ServiceAccountEvent =
  | {
      readonly type: 'ServiceAccountCreated';
      /** owner and tags only when set (events before ownership existed have neither). */
      readonly data: AccountRef & {
        readonly name: string;
        readonly description: string;
        readonly owner?: string;
        readonly tags?: readonly string[];
        readonly createdAt: string;
      };
    }
  | {
      readonly type: 'ServiceAccountOwnershipChanged';
      readonly data: AccountRef & {
        readonly owner: string | null;
        readonly tags: readonly string[];
        readonly previousOwner: string | null;
        readonly previousTags: readonly string[];
      };
    }
  | { readonly type: 'ServiceAccountRenamed'; readonly data: AccountRef & { readonly name: string; readonly previousName: string } }
  | { readonly type: 'ServiceAccountDescriptionChanged'; readonly data: AccountRef & { readonly description: string } }
  | {
      readonly type: 'ServiceAccountSuspended';
      readonly data: AccountRef & { readonly reason: string; readonly lockdownId?: string; readonly suspendedAt: string };
    }
  | {
      readonly type: 'ServiceAccountReactivated';
      readonly data: AccountRef & { readonly lockdownId?: string; readonly reactivatedAt: string };
    }
  | { readonly type: 'ServiceAccountDeleted'; readonly data: AccountRef & { readonly deletedAt: string } }
  | { readonly type: 'OAuthClientCreated'; readonly data: OAuthClientCreatedData }
  | {
      readonly type: 'ApiTokenCreated';
      readonly data: CredentialRef & {
        readonly name: string;
        readonly tokenDigest: string;
        readonly scopes: readonly string[];
        readonly createdAt: string;
        readonly expiresAt: string;
      };
    }
  | { readonly type: 'CredentialRenamed'; readonly data: CredentialRef & { readonly name: string } }
  | {
      readonly type: 'CredentialScopesChanged';
      readonly data: CredentialRef & { readonly scopes: readonly string[]; readonly previousScopes: readonly string[] };
    }
  | {
      readonly type: 'ClientSecretRotated';
      readonly data: CredentialRef & {
        readonly secretDigest: string;
        readonly rotatedAt: string;
        readonly previousSecretExpiresAt: string;
      };
    }
  | { readonly type: 'CredentialRevoked'; readonly data: CredentialRef & { readonly revokedAt: string } }
  | {
      readonly type: 'ClientPublicKeyAdded';
      readonly data: CredentialRef & { readonly kid: string; readonly publicKey: ClientPublicJwk; readonly addedAt: string };
    }
  | { readonly type: 'ClientPublicKeyRemoved'; readonly data: CredentialRef & { readonly kid: string; readonly removedAt: string } }
  | {
      readonly type: 'CredentialAudiencesChanged';
      readonly data: CredentialRef & { readonly audiences: readonly string[]; readonly previousAudiences: readonly string[] };
    }
  | {
      readonly type: 'CredentialTokenLifetimeChanged';
      /** null: back to the server default. */
      readonly data: CredentialRef & {
        readonly accessTokenLifetimeSeconds: number | null;
        readonly previousLifetimeSeconds: number | null;
      };
    }
  /** Reminders, once per threshold of the org policy's reminderDays: a secret nearing its maximum age... */
  | {
      readonly type: 'CredentialRotationDue';
      readonly data: CredentialRef & { readonly thresholdDays: number; readonly dueAt: string; readonly remindedAt: string };
    }
  /** ...and an API token nearing its expiry (its own, or the org's maximum age). */
  | {
      readonly type: 'CredentialExpiringSoon';
      readonly data: CredentialRef & {
        readonly thresholdDays: number;
        readonly expiresAt: string;
        readonly reason: CredentialExpiryReason;
        readonly remindedAt: string;
      };
    }
  /** Recorded once per credential and reason per day by the server's detector; it changes nothing but the audit trail. */
  | {
      readonly type: 'SuspiciousTokenActivity';
      readonly data: CredentialRef & {
        readonly reason: SuspiciousActivityReason;
        readonly detectedAt: string;
        readonly sourceNetwork?: string;
        readonly refusals?: number;
        readonly idleDays?: number;
      };
    }
  /** It stopped working on its own (expiry or org max age); recorded by the server's sweeper. */
  | {
      readonly type: 'CredentialExpired';
      readonly data: CredentialRef & { readonly reason: CredentialExpiryReason; readonly expiredAt: string };
    };

export const SERVICE_ACCOUNT_EVENT_TYPES: readonly ServiceAccountEvent['type'][] = [
  'ServiceAccountCreated',
  'ServiceAccountRenamed',
  'ServiceAccountDescriptionChanged',
  'ServiceAccountOwnershipChanged',
  'ServiceAccountSuspended',
  'ServiceAccountReactivated',
  'ServiceAccountDeleted',
  'OAuthClientCreated',
  'ApiTokenCreated',
  'CredentialRenamed',
  'CredentialScopesChanged',
  'ClientSecretRotated',
  'CredentialRevoked',
  'ClientPublicKeyAdded',
  'ClientPublicKeyRemoved',
  'CredentialAudiencesChanged',
  'CredentialTokenLifetimeChanged',
  'CredentialExpired',
  'CredentialRotationDue',
  'CredentialExpiringSoon',
  'SuspiciousTokenActivity',
];

export type SuspiciousActivityReason = 'new_source_network' | 'refusal_burst' | 'use_after_long_idle';

export const serviceAccountStream = (serviceAccountId: string): string => `service_account-${serviceAccountId}`;
