import type { FederationTrustInput } from '../federation/federation-trust.rules';
import type { RegisteredClientCertificate } from '../mtls/tls-client-auth';
import type { OrganizationPolicy } from '../organization/organization-policy';
import type { SuspiciousActivityReason } from './service-account.events';

export type ServiceAccountCommand =
  | {
      readonly type: 'CreateServiceAccount';
      readonly serviceAccountId: string;
      readonly organizationId: string;
      readonly name: string;
      readonly description: string;
      readonly owner?: string | null;
      readonly tags?: readonly string[];
      /** The organization's policy (owner required?); the default policy when absent. */
      readonly policy?: OrganizationPolicy;
      readonly now: Date;
    }
  | {
      readonly type: 'ChangeServiceAccountDetails';
      readonly name?: string;
      readonly description?: string;
      /** null or "": no owner (refused when the policy requires one). */
      readonly owner?: string | null;
      readonly tags?: readonly string[];
      readonly policy?: OrganizationPolicy;
    }
  /** lockdownId: suspended by that organization lockdown, so that lifting it reactivates exactly this suspension. */
  | { readonly type: 'SuspendServiceAccount'; readonly reason: string; readonly lockdownId?: string; readonly now: Date }
  /** lockdownId: only if the account is still suspended by that lockdown (nothing otherwise). */
  | { readonly type: 'ReactivateServiceAccount'; readonly lockdownId?: string; readonly now: Date }
  | { readonly type: 'DeleteServiceAccount'; readonly now: Date }
  | {
      readonly type: 'CreateOAuthClient';
      readonly credentialId: string;
      readonly name: string;
      readonly clientId: string;
      /** A secret's digest (hashed by the caller), public keys as sent (checked here, RFC 7523), a federation trust or certificate names as sent. */
      readonly authentication: ClientAuthenticationInput;
      /** RFC 8705 §3.4: bind its access tokens to its certificate. */
      readonly certificateBoundAccessTokens?: boolean;
      readonly scopes: readonly string[];
      /** The organization's scope catalog: credentials may only hold scopes defined there. */
      readonly catalog: ReadonlySet<string>;
      readonly audiences?: readonly string[];
      readonly accessTokenLifetimeSeconds?: number;
      /** The organization's policy; the default policy when absent. */
      readonly policy?: OrganizationPolicy;
      readonly now: Date;
    }
  | {
      readonly type: 'CreateApiToken';
      readonly credentialId: string;
      readonly name: string;
      readonly tokenDigest: string;
      readonly scopes: readonly string[];
      readonly catalog: ReadonlySet<string>;
      readonly expiresInDays: number;
      readonly policy?: OrganizationPolicy;
      readonly now: Date;
    }
  | {
      readonly type: 'ChangeCredential';
      readonly credentialId: string;
      readonly name?: string;
      readonly scopes?: readonly string[];
      readonly catalog: ReadonlySet<string>;
      readonly audiences?: readonly string[];
      /** null: back to the server default. */
      readonly accessTokenLifetimeSeconds?: number | null;
      readonly policy?: OrganizationPolicy;
    }
  | {
      readonly type: 'RotateClientSecret';
      readonly credentialId: string;
      readonly secretDigest: string;
      readonly graceSeconds: number;
      readonly now: Date;
    }
  | { readonly type: 'RevokeCredential'; readonly credentialId: string; readonly now: Date }
  | { readonly type: 'AddClientPublicKey'; readonly credentialId: string; readonly publicKey: unknown; readonly now: Date }
  | { readonly type: 'RemoveClientPublicKey'; readonly credentialId: string; readonly kid: string; readonly now: Date }
  /** Records the expiry of a credential whose time is up under `policy`; nothing when it is not due. */
  | { readonly type: 'ExpireCredential'; readonly credentialId: string; readonly policy: OrganizationPolicy; readonly now: Date }
  /** Records the reminder due for a credential nearing its expiry or maximum age under `policy`; nothing when none is. */
  | { readonly type: 'RemindCredential'; readonly credentialId: string; readonly policy: OrganizationPolicy; readonly now: Date }
  /** A detection: recorded unless the same reason was recorded for the credential within the last day. */
  | {
      readonly type: 'RecordSuspiciousActivity';
      readonly credentialId: string;
      readonly reason: SuspiciousActivityReason;
      readonly facts: { readonly sourceNetwork?: string; readonly refusals?: number; readonly idleDays?: number };
      readonly now: Date;
    };

/** How a new OAuth client authenticates, as the admin sent it (validated by the decider). */
export type ClientAuthenticationInput =
  | { readonly tokenEndpointAuthMethod: 'client_secret_basic'; readonly secretDigest: string }
  | { readonly tokenEndpointAuthMethod: 'private_key_jwt'; readonly publicKeys: readonly unknown[] }
  /** allowInsecureIssuers: FEDERATION_ALLOW_INSECURE_ISSUERS, read by the caller. */
  | { readonly tokenEndpointAuthMethod: 'federated_jwt'; readonly federation: FederationTrustInput; readonly allowInsecureIssuers: boolean }
  /** The create body's RFC 8705 §2.1.2 members; its subject DN already parsed by the edge. */
  | { readonly tokenEndpointAuthMethod: 'tls_client_auth'; readonly names: Readonly<Record<string, unknown>> }
  /** Certificates parsed by the edge (it holds the X.509 parser). */
  | { readonly tokenEndpointAuthMethod: 'self_signed_tls_client_auth'; readonly certificates: readonly RegisteredClientCertificate[] };
