import { createHash } from 'node:crypto';
import type { JtiClaim } from './replay-guard';

/**
 * A jti is request text (up to 256 characters): only a digest of it is kept or stored, 128 bits of
 * SHA-256 over kind, scope and jti (collisions are out of reach), and its first byte picks the bucket.
 */
export function claimKey(claim: Pick<JtiClaim, 'kind' | 'scope' | 'jti'>): { readonly key: string; readonly bucketByte: number } {
  const digest = createHash('sha256').update(`${claim.kind}\u0000${claim.scope}\u0000${claim.jti}`).digest();
  return { key: digest.subarray(0, 16).toString('base64url'), bucketByte: digest[16]! };
}
