import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import {
  AccessTokenReader,
  AccessTokenSigner,
  ClientAssertionVerifier,
  ClientAuthenticator,
  ClientCredentialsGrant,
  DPoPProofVerifier,
  endpointUrls,
  IntrospectionEndpoint,
  JtiReplayCache,
  RevocationEndpoint,
  SecretDigester,
  SigningKeyRing,
  TokenIntrospector,
} from '@keyward/oauth';
import { ClientCredentialsProjection, RevokedAccessTokensProjection } from '@keyward/projections';
import { CLOCK, KEYWARD_CONFIG, type Clock } from '../core/tokens';
import { DiscoveryController } from './discovery/discovery.controller';
import { IntrospectionController } from './introspection/introspection.controller';
import { RevocationController } from './revocation/revocation.controller';
import { StoreTokenRevocationRecorder } from './revocation/store-token-revocation-recorder';
import { StoreTokenIssuanceRecorder } from './token/store-token-issuance-recorder';
import { TokenController } from './token/token.controller';

/** The authorization server: token, introspection and revocation endpoints, discovery, JWKS. */
@Module({
  providers: [
    StoreTokenIssuanceRecorder,
    StoreTokenRevocationRecorder,
    {
      provide: ClientAuthenticator,
      inject: [KEYWARD_CONFIG, CLOCK, ClientCredentialsProjection, SecretDigester],
      useFactory: (config: KeywardConfig, clock: Clock, credentials: ClientCredentialsProjection, digester: SecretDigester) =>
        new ClientAuthenticator(credentials, digester, new ClientAssertionVerifier(credentials, new JtiReplayCache(), { issuer: config.issuer, tokenEndpoint: endpointUrls(config.issuer).token }, clock), clock),
    },
    {
      provide: AccessTokenReader,
      inject: [KEYWARD_CONFIG, CLOCK, SigningKeyRing],
      useFactory: (config: KeywardConfig, clock: Clock, ring: SigningKeyRing) => new AccessTokenReader(ring, config.issuer, clock),
    },
    {
      provide: ClientCredentialsGrant,
      inject: [KEYWARD_CONFIG, CLOCK, ClientAuthenticator, ClientCredentialsProjection, SigningKeyRing, StoreTokenIssuanceRecorder],
      useFactory: (config: KeywardConfig, clock: Clock, authenticator: ClientAuthenticator, credentials: ClientCredentialsProjection, ring: SigningKeyRing, recorder: StoreTokenIssuanceRecorder) =>
        new ClientCredentialsGrant(
          authenticator,
          credentials,
          new DPoPProofVerifier(new JtiReplayCache(), clock),
          new AccessTokenSigner(ring, config.issuer),
          recorder,
          { accessTokenTtlSeconds: config.accessTokenTtlSeconds, issuer: config.issuer, tokenEndpoint: endpointUrls(config.issuer).token },
          clock,
          randomUUID,
        ),
    },
    {
      provide: IntrospectionEndpoint,
      inject: [KEYWARD_CONFIG, CLOCK, ClientAuthenticator, AccessTokenReader, ClientCredentialsProjection, RevokedAccessTokensProjection, SecretDigester],
      useFactory: (config: KeywardConfig, clock: Clock, authenticator: ClientAuthenticator, reader: AccessTokenReader, credentials: ClientCredentialsProjection, revoked: RevokedAccessTokensProjection, digester: SecretDigester) =>
        new IntrospectionEndpoint(authenticator, new TokenIntrospector(reader, credentials, revoked, digester, config.issuer, clock), endpointUrls(config.issuer).introspection),
    },
    {
      provide: RevocationEndpoint,
      inject: [KEYWARD_CONFIG, CLOCK, ClientAuthenticator, AccessTokenReader, ClientCredentialsProjection, RevokedAccessTokensProjection, SecretDigester, StoreTokenRevocationRecorder],
      useFactory: (
        config: KeywardConfig,
        clock: Clock,
        authenticator: ClientAuthenticator,
        reader: AccessTokenReader,
        credentials: ClientCredentialsProjection,
        revoked: RevokedAccessTokensProjection,
        digester: SecretDigester,
        recorder: StoreTokenRevocationRecorder,
      ) => new RevocationEndpoint(authenticator, reader, credentials, revoked, digester, recorder, endpointUrls(config.issuer).revocation, clock),
    },
  ],
  controllers: [TokenController, IntrospectionController, RevocationController, DiscoveryController],
})
export class OAuthModule {}
