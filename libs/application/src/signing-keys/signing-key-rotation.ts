import type { KeywardConfig } from '@keyward/config';
import {
  SIGNING_KEYS_STREAM,
  signingKeysDecider,
  type SigningAlgorithm,
  type SigningKeyRotationReason,
  type SigningKeysState,
} from '@keyward/domain';
import { generateSigningKey, PrivateKeyCipher } from '@keyward/oauth';
import type { AggregateStore } from '../core/aggregate-store';
import type { CommandContext } from '../core/command-context';

export interface CreatedSigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly activateAfter: string;
}

/**
 * Generates a key pair and records it on the `signing_keys` stream, guarded by the stream revision:
 * two replicas (or a replica and the CLI) rotating at once yield one key and one 409.
 * The decider publishes it first and activates it after the configured propagation delay.
 */
export async function createSigningKey(
  aggregates: AggregateStore,
  config: KeywardConfig,
  now: Date,
  reason: SigningKeyRotationReason,
  context: CommandContext,
  alg: SigningAlgorithm = config.signingAlgorithm,
): Promise<CreatedSigningKey> {
  const created = await generateSigningKey(alg, new PrivateKeyCipher(config.keyEncryptionKey), now);
  const { kid, publicJwk, encryptedPrivateKey } = created.data;
  const { state } = await aggregates.execute(
    SIGNING_KEYS_STREAM,
    signingKeysDecider,
    {
      type: 'CreateSigningKey',
      key: { kid, alg, publicJwk, encryptedPrivateKey },
      reason,
      propagationSeconds: config.signingKeyPropagationSeconds,
      now,
    },
    context,
  );
  return { kid, alg, activateAfter: activateAfterOf(state, kid) };
}

function activateAfterOf(state: SigningKeysState, kid: string): string {
  const key = state.keys.get(kid);
  return key?.activateAfter ?? key?.createdAt ?? '';
}
