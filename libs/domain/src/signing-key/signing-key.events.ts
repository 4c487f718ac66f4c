/** Stream `signing_keys`. The private key is stored encrypted (AES-256-GCM under the key-encryption key), never in clear. */
export type SigningAlgorithm = 'ES256' | 'EdDSA' | 'RS256';

export type SigningKeyEvent =
  | {
      readonly type: 'SigningKeyCreated';
      readonly data: {
        readonly kid: string;
        readonly alg: SigningAlgorithm;
        readonly publicJwk: Readonly<Record<string, unknown>>;
        readonly encryptedPrivateKey: string;
        readonly createdAt: string;
      };
    }
  | { readonly type: 'SigningKeyActivated'; readonly data: { readonly kid: string; readonly activatedAt: string } }
  | { readonly type: 'SigningKeyRetired'; readonly data: { readonly kid: string; readonly retiredAt: string; readonly removeAfter: string } };

export const SIGNING_KEY_EVENT_TYPES: readonly SigningKeyEvent['type'][] = ['SigningKeyCreated', 'SigningKeyActivated', 'SigningKeyRetired'];

export const SIGNING_KEYS_STREAM = 'signing_keys';
