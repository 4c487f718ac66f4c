import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { AccessTokenSigner, ClientCredentialsGrant, SecretDigester, SigningKeyRing } from '@keyward/oauth';
import { ClientCredentialsProjection } from '@keyward/projections';
import { CLOCK, KEYWARD_CONFIG, type Clock } from '../core/tokens';
import { DiscoveryController } from './discovery/discovery.controller';
import { StoreTokenIssuanceRecorder } from './token/store-token-issuance-recorder';
import { TokenController } from './token/token.controller';

/** The authorization server: token endpoint, discovery, JWKS. */
@Module({
  providers: [
    StoreTokenIssuanceRecorder,
    {
      provide: ClientCredentialsGrant,
      inject: [KEYWARD_CONFIG, CLOCK, ClientCredentialsProjection, SecretDigester, SigningKeyRing, StoreTokenIssuanceRecorder],
      useFactory: (config: KeywardConfig, clock: Clock, credentials: ClientCredentialsProjection, digester: SecretDigester, ring: SigningKeyRing, recorder: StoreTokenIssuanceRecorder) =>
        new ClientCredentialsGrant(
          credentials,
          digester,
          new AccessTokenSigner(ring, config.issuer),
          recorder,
          { accessTokenTtlSeconds: config.accessTokenTtlSeconds, defaultAudience: config.issuer },
          clock,
          randomUUID,
        ),
    },
  ],
  controllers: [TokenController, DiscoveryController],
})
export class OAuthModule {}
