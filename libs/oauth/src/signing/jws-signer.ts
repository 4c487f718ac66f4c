import { jwsSignature } from './compact-jws';
import type { ActiveSigningKey } from './signing-key-ring';

/** Signs a JWS signing input with a key of the ring and answers the base64url signature (RFC 7515 §5.1 step 8). */
export interface JwsSigner {
  sign(signingInput: string, key: ActiveSigningKey): Promise<string>;
}

/** On the calling thread: tests, and every signer that signs rarely (chain checkpoints, admin tokens). */
export const inLoopJwsSigner: JwsSigner = {
  sign: async (signingInput, key) => jwsSignature(signingInput, key.alg, key.privateKey),
};
