import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import {
  AccessTokenIssuer,
  AccessTokenReader,
  AccessTokenSigner,
  boundedJsonFetcher,
  AuthenticationLimits,
  ClientAssertionVerifier,
  ClientCertificateReader,
  ClientCertificateVerifier,
  DEFAULT_KEY_SET_SETTINGS,
  FederatedAssertionVerifier,
  FederatedClientVerifier,
  IssuerKeySets,
  ClientAuthenticator,
  clientAuthenticationVerifiers,
  ClientSecretVerifier,
  DPoPProofVerifier,
  EndpointPreamble,
  endpointUrls,
  grantHandlers,
  IntrospectionEndpoint,
  EventStoreReplayGuard,
  RevocationEndpoint,
  SecretDigester,
  SigningKeyRing,
  TOKEN_ENDPOINT_REPEATABLE,
  TokenEndpoint,
  TokenIntrospector,
  TokenRateLimiter,
  TokenRefusalRecorder,
} from '@keyward/oauth';
import { ClientCredentialsProjection, OrganizationsProjection, RevokedAccessTokensProjection } from '@keyward/projections';
import { CLOCK, EVENT_STORE, KEYWARD_CONFIG, type Clock } from '@keyward/application';
import type { EventStore } from '@keyward/event-store';
import { DiscoveryController } from './discovery/discovery.controller';
import { StoreTokenRevocationRecorder } from './revocation/store-token-revocation-recorder';
import { StoreTokenIssuanceRecorder } from './token/store-token-issuance-recorder';
import { TokenSigningThread } from './token/token-signing-thread';
import { RefusalFlushJob } from './refusals/refusal-flush.job';
import { ReplayClaimPruningJob } from './replay/replay-claim-pruning.job';

/**
 * The authorization server: token, introspection and revocation endpoints, discovery, JWKS.
 * A new grant is registered in grantHandlers (libs/oauth/src/grants), a new client authentication
 * method in clientAuthenticationVerifiers; this module only wires their dependencies.
 */
/** Provider keys through discovery: 5 s and 256 KiB per document (docs/workload-identity-federation.md). */
function federatedAssertionVerifier(config: KeywardConfig, clock: Clock, replays: EventStoreReplayGuard): FederatedAssertionVerifier {
  const keySets = new IssuerKeySets({
    fetchJson: boundedJsonFetcher({ timeoutMs: 5000, maxBytes: 256 * 1024 }),
    settings: { ...DEFAULT_KEY_SET_SETTINGS, allowInsecure: config.federation.allowInsecureIssuers },
    clock,
  });
  return new FederatedAssertionVerifier({ keySets, replays, issuer: config.issuer, clock });
}

@Module({
  providers: [
    StoreTokenIssuanceRecorder,
    StoreTokenRevocationRecorder,
    TokenSigningThread,
    RefusalFlushJob,
    ReplayClaimPruningJob,
    {
      // One guard for assertion, DPoP and federated jtis: claimed through the store, so it holds across replicas.
      provide: EventStoreReplayGuard,
      inject: [KEYWARD_CONFIG, CLOCK, EVENT_STORE],
      useFactory: (config: KeywardConfig, clock: Clock, store: EventStore) =>
        new EventStoreReplayGuard({ store, clock, maxPerOrganization: config.rateLimits.replayClaimsPerOrganization }),
    },
    {
      provide: TokenRefusalRecorder,
      inject: [KEYWARD_CONFIG, CLOCK, ClientCredentialsProjection, StoreTokenIssuanceRecorder],
      useFactory: (config: KeywardConfig, clock: Clock, credentials: ClientCredentialsProjection, recorder: StoreTokenIssuanceRecorder) =>
        new TokenRefusalRecorder({
          credentials,
          recorder,
          clock,
          window: { windowMs: config.rateLimits.refusalWindowSeconds * 1000, maxOpenWindows: 10_000 },
        }),
    },
    {
      provide: AuthenticationLimits,
      inject: [KEYWARD_CONFIG, CLOCK, ClientCredentialsProjection, OrganizationsProjection, TokenRefusalRecorder],
      useFactory: (
        config: KeywardConfig,
        clock: Clock,
        credentials: ClientCredentialsProjection,
        organizations: OrganizationsProjection,
        refusals: TokenRefusalRecorder,
      ) =>
        new AuthenticationLimits({
          limiter: new TokenRateLimiter(config.rateLimits, clock),
          credentials,
          plans: { planOf: (id) => organizations.get(id)?.plan },
          refusals,
        }),
    },
    {
      provide: ClientAuthenticator,
      inject: [KEYWARD_CONFIG, CLOCK, ClientCredentialsProjection, SecretDigester, EventStoreReplayGuard],
      useFactory: (
        config: KeywardConfig,
        clock: Clock,
        credentials: ClientCredentialsProjection,
        digester: SecretDigester,
        replays: EventStoreReplayGuard,
      ) =>
        new ClientAuthenticator(
          clientAuthenticationVerifiers({
            secrets: new ClientSecretVerifier({ credentials, digester, clock }),
            assertions: new ClientAssertionVerifier({
              credentials,
              replays,
              settings: { issuer: config.issuer, tokenEndpoint: endpointUrls(config.issuer).token },
              clock,
            }),
            federation: new FederatedClientVerifier({ credentials, assertions: federatedAssertionVerifier(config, clock, replays) }),
            certificates: new ClientCertificateVerifier({ credentials, clock }),
          }),
        ),
    },
    {
      provide: ClientCertificateReader,
      inject: [KEYWARD_CONFIG, CLOCK],
      useFactory: (config: KeywardConfig, clock: Clock) =>
        new ClientCertificateReader({ mtls: config.mtls, proxies: config.http.trustProxy, clock }),
    },
    {
      provide: AccessTokenReader,
      inject: [KEYWARD_CONFIG, CLOCK, SigningKeyRing],
      useFactory: (config: KeywardConfig, clock: Clock, ring: SigningKeyRing) =>
        new AccessTokenReader({ keys: ring, issuer: config.issuer, clock }),
    },
    {
      provide: TokenEndpoint,
      inject: [
        KEYWARD_CONFIG,
        CLOCK,
        ClientAuthenticator,
        ClientCredentialsProjection,
        SigningKeyRing,
        StoreTokenIssuanceRecorder,
        TokenRefusalRecorder,
        AuthenticationLimits,
        EventStoreReplayGuard,
        TokenSigningThread,
      ],
      useFactory: (
        config: KeywardConfig,
        clock: Clock,
        authenticator: ClientAuthenticator,
        credentials: ClientCredentialsProjection,
        ring: SigningKeyRing,
        recorder: StoreTokenIssuanceRecorder,
        refusals: TokenRefusalRecorder,
        limits: AuthenticationLimits,
        replays: EventStoreReplayGuard,
        signingThread: TokenSigningThread,
      ) => {
        const tokenEndpoint = endpointUrls(config.issuer).token;
        return new TokenEndpoint({
          preamble: new EndpointPreamble({
            authenticator,
            policies: credentials,
            clock,
            endpointUrl: tokenEndpoint,
            repeatable: TOKEN_ENDPOINT_REPEATABLE,
          }),
          grants: grantHandlers({
            policies: credentials,
            dpop: new DPoPProofVerifier({ replays, clock }),
            settings: { accessTokenTtlSeconds: config.accessTokenTtlSeconds, issuer: config.issuer, tokenEndpoint },
          }),
          issuer: new AccessTokenIssuer({
            signer: new AccessTokenSigner({ keys: ring, issuer: config.issuer, jws: signingThread }),
            recorder,
            clock,
            newId: randomUUID,
          }),
          refusals,
          limits,
        });
      },
    },
    {
      provide: IntrospectionEndpoint,
      inject: [
        KEYWARD_CONFIG,
        CLOCK,
        ClientAuthenticator,
        AccessTokenReader,
        ClientCredentialsProjection,
        RevokedAccessTokensProjection,
        SecretDigester,
        TokenRefusalRecorder,
        AuthenticationLimits,
      ],
      useFactory: (
        config: KeywardConfig,
        clock: Clock,
        authenticator: ClientAuthenticator,
        reader: AccessTokenReader,
        credentials: ClientCredentialsProjection,
        revoked: RevokedAccessTokensProjection,
        digester: SecretDigester,
        refusals: TokenRefusalRecorder,
        limits: AuthenticationLimits,
      ) =>
        new IntrospectionEndpoint({
          preamble: new EndpointPreamble({
            authenticator,
            policies: credentials,
            clock,
            endpointUrl: endpointUrls(config.issuer).introspection,
          }),
          introspector: new TokenIntrospector({ accessTokens: reader, credentials, revoked, digester, issuer: config.issuer, clock }),
          refusals,
          limits,
        }),
    },
    {
      provide: RevocationEndpoint,
      inject: [
        KEYWARD_CONFIG,
        CLOCK,
        ClientAuthenticator,
        AccessTokenReader,
        ClientCredentialsProjection,
        RevokedAccessTokensProjection,
        SecretDigester,
        StoreTokenRevocationRecorder,
        TokenRefusalRecorder,
        AuthenticationLimits,
      ],
      useFactory: (
        config: KeywardConfig,
        clock: Clock,
        authenticator: ClientAuthenticator,
        accessTokens: AccessTokenReader,
        apiTokens: ClientCredentialsProjection,
        revoked: RevokedAccessTokensProjection,
        digester: SecretDigester,
        recorder: StoreTokenRevocationRecorder,
        refusals: TokenRefusalRecorder,
        limits: AuthenticationLimits,
      ) =>
        new RevocationEndpoint({
          preamble: new EndpointPreamble({
            authenticator,
            policies: apiTokens,
            clock,
            endpointUrl: endpointUrls(config.issuer).revocation,
          }),
          accessTokens,
          apiTokens,
          revoked,
          digester,
          recorder,
          clock,
          refusals,
          limits,
        }),
    },
  ],
  // The token, introspection and revocation endpoints are plain Fastify routes (oauth-routes.ts).
  controllers: [DiscoveryController],
})
export class OAuthModule {}
