// Named re-exports, not `export *`: swc compiles `export *` into one getter function shared by every name,
// a megamorphic load on each access (about 1.8 µs a grant on the token endpoint, in perf), where a named
// re-export gets a getter of its own. barrel.spec.ts checks that every value the modules export is here.
export { unreachable } from './shared/decider';
export type { Decider } from './shared/decider';
export { DomainError, InvalidInput } from './shared/domain-error';
export type { DomainErrorKind } from './shared/domain-error';
export type { EventMetadata } from './shared/event-metadata';
export { DESCRIPTION_MAX, NAME_MAX, requireDescription, requireName } from './shared/names';
export { PLANS, SERVICE_ACCOUNT_QUOTA } from './shared/plans';
export type { Plan } from './shared/plans';
export { ADMIN_SCOPES, BUILT_IN_SCOPES, SCOPE_NAME_MAX, SCOPE_NAME_PATTERN, isValidScopeName } from './shared/scopes';
export type { OrganizationCommand } from './organization/organization.commands';
export { MAX_SCOPES_PER_ORGANIZATION, decideOrganization, organizationDecider } from './organization/organization.decide';
export {
  LastAdminCredential,
  NoActiveLockdown,
  OrganizationAlreadyExists,
  OrganizationNotFound,
  PlanBelowUsage,
  ScopeAlreadyDefined,
  ScopeLimitReached,
  ServiceAccountNameTaken,
  ServiceAccountQuotaExceeded,
} from './organization/organization.errors';
export { ORGANIZATION_EVENT_TYPES, organizationStream } from './organization/organization.events';
export type { OrganizationEvent } from './organization/organization.events';
export { evolveOrganization, foldOrganization, initialOrganizationState, startOrganizationFold } from './organization/organization.state';
export type { Lockdown, OrganizationState } from './organization/organization.state';
export {
  API_TOKEN_DAYS,
  MAX_ACTIVE_CREDENTIALS,
  MAX_SCOPES_PER_CREDENTIAL,
  ROTATION_GRACE_SECONDS,
  requireCredentialName,
  requireCredentialRoom,
  requireIntegerInRange,
  requireScopes,
} from './service-account/credential.rules';
export { isCredentialActive } from './service-account/credential.state';
export type {
  ApiTokenState,
  ClientPublicJwk,
  ClientSecrets,
  CredentialExpiryReason,
  CredentialState,
  CredentialType,
  FederatedClientState,
  KeyClientState,
  OAuthClientState,
  SecretClientState,
  SecretlessTokenEndpointAuthMethod,
  SelfSignedTlsClientState,
  TlsClientState,
  TokenEndpointAuthMethod,
} from './service-account/credential.state';
export type { ClientAuthenticationInput, ServiceAccountCommand } from './service-account/service-account.commands';
export { decideServiceAccount, serviceAccountDecider } from './service-account/service-account.decide';
export {
  CredentialLimitReached,
  CredentialNameTaken,
  CredentialNotFound,
  CredentialRevokedAlready,
  LastClientPublicKey,
  NotAPrivateKeyJwtClient,
  NotAnOAuthClient,
  ServiceAccountAlreadyExists,
  ServiceAccountNotActive,
  ServiceAccountNotFound,
  UnknownScope,
} from './service-account/service-account.errors';
export { SERVICE_ACCOUNT_EVENT_TYPES, serviceAccountStream } from './service-account/service-account.events';
export type {
  OAuthClientAuthentication,
  OAuthClientCreatedData,
  ServiceAccountEvent,
  SuspiciousActivityReason,
} from './service-account/service-account.events';
export { evolveServiceAccount, initialServiceAccountState, startServiceAccountFold } from './service-account/service-account.state';
export type { ServiceAccountState, ServiceAccountStatus } from './service-account/service-account.state';
export { decideScopes } from './token-issuance/token-grant';
export type { ScopeDecision } from './token-issuance/token-grant';
export { TOKEN_ISSUANCE_EVENT_TYPES, tokenIssuanceStream } from './token-issuance/token-issuance.events';
export type {
  AccessTokenIssuedData,
  AccessTokenRevokedData,
  RefusingEndpoint,
  TokenIssuanceEvent,
  TokenRefusalError,
  TokenRequestRefusedData,
} from './token-issuance/token-issuance.events';
export { TOKEN_REFUSAL_REASONS, refusalReasonOf } from './token-issuance/token-refusal-reasons';
export type { TokenRefusalReason } from './token-issuance/token-refusal-reasons';
export { SIGNING_ALGORITHMS, SIGNING_KEYS_STREAM, SIGNING_KEY_EVENT_TYPES } from './signing-key/signing-key.events';
export type { SigningAlgorithm, SigningKeyEvent, SigningKeyMaterial, SigningKeyRotationReason } from './signing-key/signing-key.events';
export { CLIENT_SIGNING_ALGORITHMS, isClientSigningAlgorithm } from './shared/jws-algorithms';
export type { ClientSigningAlgorithm } from './shared/jws-algorithms';
export {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  API_TOKEN_MAX_AGE_DAYS,
  CLIENT_SECRET_MAX_AGE_DAYS,
  DEFAULT_ORGANIZATION_POLICY,
  REMINDER_DAYS,
  policyFromEvent,
  requirePolicy,
  samePolicy,
} from './organization/organization-policy';
export type { OrganizationPolicy } from './organization/organization-policy';
export { MAX_AUDIENCES_PER_CREDENTIAL, requireAudiences } from './service-account/audience.rules';
export { bindsTokensToCertificate, clientAuthenticationOf } from './service-account/client-authentication';
export { MAX_CLIENT_PUBLIC_KEYS, requirePublicKeys } from './service-account/client-public-keys.rules';
export { credentialExpiry, expiryFactsOf } from './service-account/credential-expiry';
export type { CredentialExpiry, ExpiryFacts } from './service-account/credential-expiry';
export { credentialUsability, isCredentialLive } from './service-account/credential-usability';
export type { CredentialUnusableReason, CredentialUsability, UsabilityFacts } from './service-account/credential-usability';
export type { SigningKeyCommand } from './signing-key/signing-key.commands';
export { evolveSigningKeys, initialSigningKeysState, isSigningKeyRotationDue } from './signing-key/signing-key.state';
export type { SigningKeyState, SigningKeyStatus, SigningKeysState } from './signing-key/signing-key.state';
export { SigningKeyNotFound, SigningKeyRotationPending } from './signing-key/signing-key.errors';
export {
  CLOCK_SKEW_SECONDS,
  SIGNING_KEY_PROPAGATION_SECONDS,
  decideSigningKeys,
  signingKeysDecider,
} from './signing-key/signing-key.decide';
export { decideAudience, isValidResourceIndicator } from './token-issuance/token-audience';
export type { AudienceDecision } from './token-issuance/token-audience';
export { accessTokenLifetime } from './token-issuance/token-lifetime';
export { decideAccessTokenRevocation, decideApiTokenRevocation } from './token-issuance/token-revocation';
export type { RevocableAccessToken, RevocableApiToken, RevocationDecision, RevokingClient } from './token-issuance/token-revocation';
export {
  NAMING_DESCRIPTION_MAX,
  NAMING_PATTERN_MAX,
  NAMING_PATTERN_MAX_REPETITIONS,
  followsNamingPattern,
  requireNameFollows,
  requireNamingPattern,
} from './naming/naming-pattern';
export type { NamingPattern } from './naming/naming-pattern';
export { NamingPolicyViolated, OwnerRequired } from './naming/naming.errors';
export { MAX_TAGS, OWNER_MAX, TAG_PATTERN, TAG_RULE, requireOwner, requireTags } from './naming/ownership.rules';
export { DEFAULT_MAX_FEDERATED_TOKEN_AGE_SECONDS } from './federation/federation-trust';
export type { ClaimConditions, ClaimValue, FederationTrust, SubjectMatch } from './federation/federation-trust';
export { requireFederationTrust } from './federation/federation-trust.rules';
export type { FederationTrustInput } from './federation/federation-trust.rules';
export { subjectMatches } from './federation/subject-match';
export { brokenClaimCondition } from './federation/claim-conditions';
export {
  MAX_CLIENT_CERTIFICATES,
  TLS_CLIENT_AUTH_NAME_KINDS,
  requireClientCertificates,
  requireTlsClientAuthName,
} from './mtls/tls-client-auth';
export type { RegisteredClientCertificate, TlsClientAuthName } from './mtls/tls-client-auth';
export type { EventUpcaster } from './schema/event-upcaster';
export { EVENT_UPCASTERS, currentSchemaVersion } from './schema/event-upcasters';
export { REPLAY_CLAIMS_STREAM_PREFIX, isReplayClaimStream, replayClaimStream } from './replay-claims/replay-claim.events';
export type { JtiClaimed } from './replay-claims/replay-claim.events';
