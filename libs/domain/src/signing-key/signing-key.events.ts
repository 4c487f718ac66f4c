/** Stream `signing_keys`. The private key is stored encrypted (AES-256-GCM under the key-encryption key), never in clear. */
export type SigningAlgorithm = 'ES256' | 'EdDSA' | 'RS256';
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['ES256', 'EdDSA', 'RS256'];

/** `revocation`: the replacement made at once when the active key is revoked. */
export type SigningKeyRotationReason = 'initial' | 'scheduled' | 'on_demand' | 'revocation';

export interface SigningKeyMaterial {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly publicJwk: Readonly<Record<string, unknown>>;
  readonly encryptedPrivateKey: string;
}

export type SigningKeyEvent =
  | {
      readonly type: 'SigningKeyCreated';
      readonly data: SigningKeyMaterial & {
        readonly createdAt: string;
        /** Published in the JWKS from createdAt; signs only once activated, at or after this instant. */
        readonly activateAfter?: string;
        readonly reason?: SigningKeyRotationReason;
      };
    }
  | {
      readonly type: 'SigningKeyActivated';
      readonly data: { readonly kid: string; readonly activatedAt: string; readonly previousKid?: string };
    }
  | {
      readonly type: 'SigningKeyRetired';
      readonly data: { readonly kid: string; readonly retiredAt: string; readonly removeAfter: string };
    }
  /** Emergency: the key leaves the JWKS at once and no token it signed verifies any more, whenever it expires. */
  | { readonly type: 'SigningKeyRevoked'; readonly data: { readonly kid: string; readonly revokedAt: string } };

export const SIGNING_KEY_EVENT_TYPES: readonly SigningKeyEvent['type'][] = [
  'SigningKeyCreated',
  'SigningKeyActivated',
  'SigningKeyRetired',
  'SigningKeyRevoked',
];

export const SIGNING_KEYS_STREAM = 'signing_keys';
