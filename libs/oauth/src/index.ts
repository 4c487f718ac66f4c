// Named re-exports, not `export *`: swc compiles `export *` into one getter function shared by every name,
// a megamorphic load on each access (about 1.8 µs a grant on the token endpoint, in perf), where a named
// re-export gets a getter of its own. barrel.spec.ts checks that every value the modules export is here.
export {
  InvalidClient,
  InvalidDPoPProof,
  InvalidRequest,
  InvalidScope,
  InvalidTarget,
  OAuthError,
  TemporarilyUnavailable,
  TooManyRequests,
  UnauthorizedClient,
  UnsupportedGrantType,
} from './errors/oauth-errors';
export { JWT_BEARER_ASSERTION_TYPE, readClientCredentials } from './client-authentication/client-authentication';
export type {
  PresentedClientAssertion,
  PresentedClientCertificate,
  PresentedClientCredentials,
  PresentedClientSecret,
} from './client-authentication/client-authentication';
export { ClientAuthenticator, clientAuthenticationVerifiers } from './client-authentication/client-authenticator';
export type {
  AuthenticatedClient,
  ClientAuthenticationMethod,
  ClientAuthenticationVerifiers,
  ClientProof,
} from './client-authentication/client-authenticator';
export { ClientSecretVerifier } from './client-authentication/client-secret-verifier';
export { requireUsableClient } from './client-authentication/usable-client';
export { parseScopeParameter, readRepeatedParameter, readTokenForm } from './endpoint/oauth-form';
export type { OAuthForm, TokenHttpRequest } from './endpoint/oauth-form';
export { EndpointPreamble } from './endpoint/endpoint-preamble';
export type { OpenedRequest, ReadRequest } from './endpoint/endpoint-preamble';
export {
  ASSERTION_CLOCK_TOLERANCE_SECONDS,
  ClientAssertionVerifier,
  MAX_ASSERTION_LIFETIME_SECONDS,
} from './private-key-jwt/client-assertion-verifier';
export type { ClientAssertionSettings, ClientAssertionVerifierDeps } from './private-key-jwt/client-assertion-verifier';
export { CLAIM_HORIZON_SECONDS, CLOCK_SKEW_MS } from './replay/replay-guard';
export type { ClaimVerdict, JtiClaim, JtiKind, ReplayGuard } from './replay/replay-guard';
export { InMemoryReplayGuard } from './replay/in-memory-replay-guard';
export { EventStoreReplayGuard } from './replay/event-store-replay-guard';
export type { EventStoreReplayGuardDeps } from './replay/event-store-replay-guard';
export { pruneReplayClaims } from './replay/replay-claim-pruning';
export {
  DPOP_CLOCK_TOLERANCE_SECONDS,
  DPOP_IAT_WINDOW_SECONDS,
  DPOP_SIGNING_ALGORITHMS,
  DPoPProofVerifier,
} from './dpop/dpop-proof-verifier';
export type { DPoPPresenter, DPoPProofVerifierDeps, VerifiedDPoPProof } from './dpop/dpop-proof-verifier';
export { SECRET_PREFIX, generateClientId, generateSecret, isWellFormedClientId, isWellFormedSecret } from './secrets/generated-secret';
export type { SecretKind } from './secrets/generated-secret';
export { SecretDigester } from './secrets/secret-digester';
export { PrivateKeyCipher } from './signing/private-key-cipher';
export { generateSigningKey } from './signing/generate-signing-key';
export { SigningKeyRing } from './signing/signing-key-ring';
export type { ActiveSigningKey, VerifyingKey } from './signing/signing-key-ring';
export { AccessTokenReader } from './access-token/access-token-reader';
export type { KeywardAccessTokenClaims, TokenConfirmation } from './access-token/access-token-reader';
export { AccessTokenSigner } from './token-endpoint/access-token-signer';
export type { AccessTokenClaims } from './token-endpoint/access-token-signer';
export type { GrantHandler, GrantHandlers, GrantRequest, TokenGrant } from './token-endpoint/grant-handler';
export { AccessTokenIssuer } from './token-endpoint/access-token-issuer';
export type { TokenResponse } from './token-endpoint/access-token-issuer';
export { TokenRefusalRecorder } from './token-endpoint/token-refusal-recorder';
export type { RefusedAttempt } from './token-endpoint/token-refusal-recorder';
export { TOKEN_ENDPOINT_REPEATABLE, TokenEndpoint } from './token-endpoint/token-endpoint';
export type { TokenEndpointRequest } from './token-endpoint/token-endpoint';
export { CLIENT_CREDENTIALS, ClientCredentialsGrant } from './grants/client-credentials.grant';
export type { ClientCredentialsSettings } from './grants/client-credentials.grant';
export { grantHandlers } from './grants/grant-handlers';
export type { GrantDependencies } from './grants/grant-handlers';
export type { RequestContext, TokenIssuanceRecorder } from './token-endpoint/token-issuance-recorder';
export { INACTIVE } from './introspection/introspection-response';
export type { IntrospectionResponse } from './introspection/introspection-response';
export { TokenIntrospector } from './introspection/token-introspector';
export { INTROSPECT_SCOPE, IntrospectionEndpoint } from './introspection/introspection-endpoint';
export type { TokenRevocationRecorder } from './revocation/token-revocation-recorder';
export { revocableAccessToken } from './revocation/revocable-access-token';
export { RevocationEndpoint } from './revocation/revocation-endpoint';
export { authorizationServerMetadata } from './discovery/authorization-server-metadata';
export type { MetadataSources } from './discovery/authorization-server-metadata';
export { endpointUrls } from './discovery/endpoint-urls';
export { canonicalClientPublicKey, canonicalClientPublicKeys } from './private-key-jwt/canonical-client-public-keys';
export { IssuerDocumentUnavailable, boundedJsonFetcher } from './federation/bounded-json-fetch';
export type { BoundedFetchLimits, JsonFetcher } from './federation/bounded-json-fetch';
export { DEFAULT_KEY_SET_SETTINGS, IssuerKeySets, IssuerKeyUnavailable } from './federation/issuer-key-sets';
export type { IssuerKeySetSettings } from './federation/issuer-key-sets';
export { FederationIssuerUnavailable } from './federation/federation-issuer-unavailable';
export {
  FEDERATION_ALGORITHMS,
  FEDERATION_CLOCK_TOLERANCE_SECONDS,
  FederatedAssertionVerifier,
} from './federation/federated-assertion-verifier';
export type { FederatedClient, FederatedIdentity } from './federation/federated-assertion-verifier';
export { FederatedClientVerifier } from './federation/federated-client-verifier';
export { certificateThumbprint, parseCertificate } from './mtls/presented-certificate';
export type { PresentedCertificate } from './mtls/presented-certificate';
export { certificateCarriesName, subjectDnSequence } from './mtls/certificate-names';
export { forwardedCertificateDer, pemCertificates } from './mtls/forwarded-client-certificate';
export { ClientCertificateReader } from './mtls/client-certificate-reader';
export type { CertificateSource } from './mtls/client-certificate-reader';
export { ClientCertificateVerifier } from './mtls/client-certificate-verifier';
export { certificateBinding } from './mtls/certificate-binding';
export { encodeJwsHeader, jwsSignature, jwsSigningInput, signCompactJws } from './signing/compact-jws';
export { inLoopJwsSigner } from './signing/jws-signer';
export type { JwsSigner } from './signing/jws-signer';
export { JwsSigningThread } from './signing/signing-thread/jws-signing-thread';
export { DEFAULT_RATE_LIMITS } from './rate-limits/rate-limit-settings';
export type { RateLimitSettings } from './rate-limits/rate-limit-settings';
export { TokenRateLimiter } from './rate-limits/token-rate-limiter';
export type { Admission, FailureOutcome } from './rate-limits/token-rate-limiter';
export { AuthenticationLimits, namedClientId } from './rate-limits/authentication-limits';
export type { OrganizationPlanLookup } from './rate-limits/authentication-limits';
export { DEFAULT_REFUSAL_WINDOW, RefusalWindow } from './token-endpoint/refusal-window';
export type { RefusalRecord, RefusalWindowSettings } from './token-endpoint/refusal-window';
export { openRecorded } from './endpoint/recorded-client-authentication';
export type { AuthenticationRecording, EndpointPermission } from './endpoint/recorded-client-authentication';
