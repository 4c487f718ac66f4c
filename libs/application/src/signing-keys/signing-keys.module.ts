import { Global, Module } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { PrivateKeyCipher, SigningKeyRing } from '@keyward/oauth';
import { KEYWARD_CONFIG } from '../core/tokens';
import { SigningKeyScheduler } from './signing-key.scheduler';
import { SigningKeyService } from './signing-key.service';

/**
 * Every signing-key part of the server in one place: the key ring the token endpoint signs with (fed
 * by SigningKeysProjection from the `signing_keys` stream), the lifecycle service and its minute tick.
 * The rotate command (RotateSigningKeyHandler) lives beside them and is registered with the other commands.
 */
@Global()
@Module({
  providers: [
    {
      provide: SigningKeyRing,
      inject: [KEYWARD_CONFIG],
      useFactory: (config: KeywardConfig) => new SigningKeyRing({ cipher: new PrivateKeyCipher(config.keyEncryptionKey) }),
    },
    SigningKeyService,
    SigningKeyScheduler,
  ],
  exports: [SigningKeyRing, SigningKeyService],
})
export class SigningKeysModule {}
