import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { KeywardConfig } from '@keyward/config';
import { SIGNING_KEYS_STREAM, signingKeysDecider } from '@keyward/domain';
import { generateSigningKey, PrivateKeyCipher } from '@keyward/oauth';
import { AggregateStore } from '../../core/aggregate-store';
import type { CommandContext } from '../../core/command-context';
import { CLOCK, KEYWARD_CONFIG, type Clock } from '../../core/tokens';

export interface RevokedSigningKey {
  readonly kid: string;
  readonly revokedAt: string;
  /** When the active key was revoked: the key that signs from now on. */
  readonly replacementKid?: string;
}

export class RevokeSigningKey extends Command<RevokedSigningKey> {
  constructor(readonly props: { readonly kid: string; readonly context: CommandContext }) {
    super();
  }
}

/**
 * Emergency revocation of a signing key (a leaked private key): recorded as SigningKeyRevoked, the key
 * leaves the JWKS and every replica stops verifying its tokens as soon as its ring applies the event.
 * Revoking the active key makes a replacement that signs at once.
 */
@CommandHandler(RevokeSigningKey)
export class RevokeSigningKeyHandler implements ICommandHandler<RevokeSigningKey, RevokedSigningKey> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ props: { kid, context } }: RevokeSigningKey): Promise<RevokedSigningKey> {
    const now = this.clock();
    const { state } = await this.aggregates.load(SIGNING_KEYS_STREAM, signingKeysDecider);
    const replacement =
      state.activeKid === kid
        ? (await generateSigningKey(this.config.signingAlgorithm, new PrivateKeyCipher(this.config.keyEncryptionKey), now)).data
        : undefined;
    const { events } = await this.aggregates.execute(
      SIGNING_KEYS_STREAM,
      signingKeysDecider,
      {
        type: 'RevokeSigningKey',
        kid,
        now,
        ...(replacement
          ? {
              replacement: {
                kid: replacement.kid,
                alg: replacement.alg,
                publicJwk: replacement.publicJwk,
                encryptedPrivateKey: replacement.encryptedPrivateKey,
              },
            }
          : {}),
      },
      context,
    );
    const revoked = events.find((event) => event.type === 'SigningKeyRevoked');
    return {
      kid,
      revokedAt: revoked?.type === 'SigningKeyRevoked' ? revoked.data.revokedAt : now.toISOString(),
      ...(replacement ? { replacementKid: replacement.kid } : {}),
    };
  }
}
