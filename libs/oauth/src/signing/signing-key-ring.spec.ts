import { randomBytes } from 'node:crypto';
import { generateSigningKey } from './generate-signing-key';
import { PrivateKeyCipher } from './private-key-cipher';
import { SigningKeyRing } from './signing-key-ring';

describe('SigningKeyRing: a retired key verifies until its retention ends, a revoked one never again', () => {
  it('stops offering a retired key for verification (and the JWKS) once removeAfter has passed', async () => {
    const cipher = new PrivateKeyCipher(randomBytes(32));
    const ring = new SigningKeyRing({ cipher });
    const created = await generateSigningKey('ES256', cipher, new Date('2026-01-01T00:00:00Z'));
    const kid = created.data.kid;
    ring.apply(created);
    ring.apply({ type: 'SigningKeyActivated', data: { kid, activatedAt: '2026-01-01T00:00:00.000Z' } });
    ring.apply({
      type: 'SigningKeyRetired',
      data: { kid, retiredAt: '2026-01-31T00:00:00.000Z', removeAfter: '2026-02-01T00:05:00.000Z' },
    });
    expect(ring.activeKey()).toBeUndefined();
    expect(ring.verifyingKey(kid, new Date('2026-02-01T00:04:59Z'))).toBeDefined();
    expect(ring.verifyingKey(kid, new Date('2026-02-01T00:05:00Z'))).toBeUndefined();
    expect(ring.jwks(new Date('2026-02-01T00:05:00Z')).keys).toEqual([]);
  });

  it('drops a revoked key from signing, verification and the JWKS at once', async () => {
    const cipher = new PrivateKeyCipher(randomBytes(32));
    const ring = new SigningKeyRing({ cipher });
    const created = await generateSigningKey('ES256', cipher, new Date('2026-01-01T00:00:00Z'));
    const kid = created.data.kid;
    ring.apply(created);
    ring.apply({ type: 'SigningKeyActivated', data: { kid, activatedAt: '2026-01-01T00:00:00.000Z' } });
    ring.apply({ type: 'SigningKeyRevoked', data: { kid, revokedAt: '2026-01-02T00:00:00.000Z' } });
    const now = new Date('2026-01-02T00:00:01Z');
    expect([ring.activeKey(), ring.verifyingKey(kid, now), ring.jwks(now).keys.length]).toEqual([undefined, undefined, 0]);
  });
});
