import { Module } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { AccessTokenReader, SigningKeyRing } from '@keyward/oauth';
import { AccessTokenVerifier } from '../admin/admin-auth/access-token-verifier';
import { CLOCK, KEYWARD_CONFIG, type Clock } from '@keyward/application';
import { StoreTokenRevocationRecorder } from '../oauth/revocation/store-token-revocation-recorder';
import { ConsoleIndexController } from './assets/console-index.controller';
import { ConsoleAdminProxyController } from './proxy/console-admin-proxy.controller';
import { ConsoleCsrf } from './session/console-csrf';
import { CsrfTokenGuard, SameOriginGuard } from './session/console-guards';
import { ConsoleSession } from './session/console-session';
import { ConsoleSessionController } from './session/console-session.controller';
import { ConsoleSignIn } from './session/console-sign-in';
import { ConsoleSignOut } from './session/console-sign-out';
import { InProcessHttp } from './session/in-process-http';

/** The admin console at /console: its pages, its cookie session, and the proxy to the admin API. */
@Module({
  providers: [
    InProcessHttp,
    ConsoleCsrf,
    SameOriginGuard,
    CsrfTokenGuard,
    ConsoleSession,
    ConsoleSignIn,
    ConsoleSignOut,
    AccessTokenVerifier,
    StoreTokenRevocationRecorder,
    {
      provide: AccessTokenReader,
      inject: [KEYWARD_CONFIG, CLOCK, SigningKeyRing],
      useFactory: (config: KeywardConfig, clock: Clock, ring: SigningKeyRing) =>
        new AccessTokenReader({ keys: ring, issuer: config.issuer, clock }),
    },
  ],
  controllers: [ConsoleSessionController, ConsoleAdminProxyController, ConsoleIndexController],
})
export class ConsoleModule {}
