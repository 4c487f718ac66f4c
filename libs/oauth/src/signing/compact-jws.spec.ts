import { createPublicKey } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { SigningAlgorithm } from '@keyward/domain';
import { generateSigningKey } from './generate-signing-key';
import { PrivateKeyCipher } from './private-key-cipher';
import { SigningKeyRing } from './signing-key-ring';
import { signCompactJws } from './compact-jws';

describe('signCompactJws', () => {
  it.each<SigningAlgorithm>(['ES256', 'EdDSA', 'RS256'])('signs %s tokens that jose verifies', async (alg) => {
    const ring = new SigningKeyRing({ cipher: new PrivateKeyCipher(Buffer.alloc(32, 1)) });
    const created = await generateSigningKey(alg, new PrivateKeyCipher(Buffer.alloc(32, 1)), new Date());
    ring.apply(created);
    ring.apply({ type: 'SigningKeyActivated', data: { kid: created.data.kid, activatedAt: new Date().toISOString() } });
    const now = Math.floor(Date.now() / 1000);
    const token = signCompactJws(
      { typ: 'at+jwt' },
      { iss: 'https://issuer', sub: 'sa-1', aud: 'https://api', iat: now, exp: now + 60, scope: 'a b' },
      ring.activeKey()!,
    );
    expect(decodeProtectedHeader(token)).toEqual({ typ: 'at+jwt', alg, kid: created.data.kid });
    const publicKey = createPublicKey({ key: created.data.publicJwk as never, format: 'jwk' });
    const { payload } = await jwtVerify(token, publicKey, {
      issuer: 'https://issuer',
      audience: 'https://api',
      typ: 'at+jwt',
      algorithms: [alg],
    });
    expect(payload).toMatchObject({ sub: 'sa-1', scope: 'a b' });
  });

  it('produces a signature that fails verification once the payload is altered', async () => {
    const ring = new SigningKeyRing({ cipher: new PrivateKeyCipher(Buffer.alloc(32, 1)) });
    const created = await generateSigningKey('ES256', new PrivateKeyCipher(Buffer.alloc(32, 1)), new Date());
    ring.apply(created);
    ring.apply({ type: 'SigningKeyActivated', data: { kid: created.data.kid, activatedAt: new Date().toISOString() } });
    const [header, , signature] = signCompactJws({ typ: 'at+jwt' }, { sub: 'a' }, ring.activeKey()!).split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'b' })).toString('base64url')}.${signature}`;
    await expect(jwtVerify(forged, createPublicKey({ key: created.data.publicJwk as never, format: 'jwk' }))).rejects.toThrow(/signature/);
  });
});
