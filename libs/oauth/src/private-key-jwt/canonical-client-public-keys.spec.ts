import { generateKeyPairSync } from 'node:crypto';
import { InvalidInput } from '@keyward/domain';
import { canonicalClientPublicKeys } from './canonical-client-public-keys';

const rsaJwk = (bits = 2048) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' });
const ecJwk = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
const refusal = (key: unknown) => {
  try {
    canonicalClientPublicKeys([key]);
  } catch (error) {
    if (error instanceof InvalidInput) return { field: error.field, message: error.message };
    throw error;
  }
  return undefined;
};

describe('client public keys as registered (RFC 7517 §4, RFC 7518 §6)', () => {
  it('refuses RSA keys whose exponent is not 65537, whatever its size', () => {
    const e3 = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 }).publicKey.export({ format: 'jwk' });
    // The review's key: a ~3,000-bit exponent, each verification ~30 times slower.
    const huge = { ...rsaJwk(), e: Buffer.alloc(375, 0xff).toString('base64url') };
    for (const key of [e3, huge])
      expect(refusal({ ...key, kid: 'k' })).toMatchObject({ field: expect.stringMatching(/^jwks\.keys\[0\](\.e)?$/) });
  });

  it('refuses RSA keys under 2048 bits and EC points off their curve', () => {
    expect(refusal({ ...rsaJwk(1024), kid: 'k' })).toMatchObject({ field: 'jwks.keys[0].n' });
    const ec = ecJwk();
    expect(refusal({ ...ec, y: ec.x, kid: 'k' })).toMatchObject({ field: 'jwks.keys[0]', message: expect.stringMatching(/curve/) });
  });

  it('stores only the public members plus kid, alg and use (no mass assignment)', () => {
    const ec = ecJwk();
    const [stored] = canonicalClientPublicKeys([
      { ...ec, kid: 'k1', alg: 'ES256', use: 'sig', x5u: 'https://evil.example/x', admin: true, key_ops: ['sign'] },
    ]);
    expect(stored).toEqual({ kty: 'EC', crv: 'P-256', x: ec.x, y: ec.y, kid: 'k1', alg: 'ES256', use: 'sig' });
  });

  it('leaves what the domain refuses with a better reason (private members, unknown kty) to the domain', () => {
    const withPrivate = { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c', kid: 'p' };
    expect(canonicalClientPublicKeys([withPrivate, 'x'])).toEqual([withPrivate, 'x']);
  });
});
