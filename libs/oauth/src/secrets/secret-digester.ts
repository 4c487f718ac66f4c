import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Secrets are 256-bit random values, so a keyed hash is enough (no slow KDF needed): HMAC-SHA-256
 * under the server pepper. Only digests are stored; comparisons are constant-time.
 */
export class SecretDigester {
  constructor(private readonly pepper: Buffer) {}

  digest(secret: string): string {
    return createHmac('sha256', this.pepper).update(secret).digest('base64url');
  }

  matches(secret: string, expectedDigest: string): boolean {
    const actual = createHmac('sha256', this.pepper).update(secret).digest();
    const expected = Buffer.from(expectedDigest, 'base64url');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
