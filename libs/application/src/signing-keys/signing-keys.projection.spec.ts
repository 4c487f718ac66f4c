import { randomBytes } from 'node:crypto';
import { generateSigningKey, PrivateKeyCipher, SigningKeyRing } from '@keyward/oauth';
import { givenEvents, onSigningKeysStream } from '@keyward/testing/projection-spec';
import { SigningKeysProjection } from './signing-keys.projection';

describe('SigningKeysProjection: given the signing_keys stream, then the key ring', () => {
  const cipher = new PrivateKeyCipher(randomBytes(32));
  const now = new Date('2026-12-01T10:00:00Z');

  it('publishes a created key, signs with it once activated, and drops it from the JWKS after removeAfter', async () => {
    const first = await generateSigningKey('ES256', cipher, now);
    const second = await generateSigningKey('EdDSA', cipher, now);
    const ring = new SigningKeyRing({ cipher });
    const projection = new SigningKeysProjection(ring);
    givenEvents(projection, [
      onSigningKeysStream(first),
      onSigningKeysStream(second),
      { stream: 'organization-x', type: 'SigningKeyCreated', data: {} },
    ]);
    expect(ring.activeKey()).toBeUndefined();
    expect(ring.jwks(now).keys.map((key) => key.kid)).toEqual([first.data.kid, second.data.kid]);

    givenEvents(projection, [
      onSigningKeysStream({ type: 'SigningKeyActivated', data: { kid: first.data.kid, activatedAt: now.toISOString() } }),
      onSigningKeysStream({
        type: 'SigningKeyActivated',
        data: { kid: second.data.kid, activatedAt: now.toISOString(), previousKid: first.data.kid },
      }),
      onSigningKeysStream({
        type: 'SigningKeyRetired',
        data: { kid: first.data.kid, retiredAt: now.toISOString(), removeAfter: '2026-12-02T10:00:00.000Z' },
      }),
    ]);
    expect(ring.activeKey()).toMatchObject({ kid: second.data.kid, alg: 'EdDSA' });
    expect(ring.jwks(new Date('2026-12-02T09:59:59Z')).keys).toHaveLength(2);
    expect(ring.jwks(new Date('2026-12-02T10:00:00Z')).keys.map((key) => key.kid)).toEqual([second.data.kid]);
  });
});
