import { generateKeyPairSync } from 'node:crypto';
import { TestClock } from '@keyward/testing/test-clock';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { InvalidDPoPProof } from '../errors/oauth-errors';
import { InMemoryReplayGuard } from '../replay/in-memory-replay-guard';
import { DPoPProofVerifier } from './dpop-proof-verifier';

type PrivateKey = Parameters<SignJWT['sign']>[0];
const HTU = 'https://keyward.example/oauth/token';
const CLIENT = { clientId: 'kw_ci_app', organizationId: 'org-1' };

/** RFC 9449 §4.3: every check of a proof at the token endpoint, each refused with its reason, without a server. */
describe('DPoPProofVerifier (RFC 9449 §4.3)', () => {
  const clock = new TestClock(Date.parse('2026-03-01T10:00:00Z'));
  const seconds = () => Math.floor(clock.now().getTime() / 1000);
  let key: { privateKey: PrivateKey; jwk: JWK };
  let verifier: DPoPProofVerifier;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    key = { privateKey: pair.privateKey, jwk: await exportJWK(pair.publicKey) };
    verifier = new DPoPProofVerifier({ replays: new InMemoryReplayGuard({ maxPerOrganization: 100, clock: clock.now }), clock: clock.now });
  });

  const claims = (over: JWTPayload = {}): JWTPayload => ({ htm: 'POST', htu: HTU, jti: crypto.randomUUID(), iat: seconds(), ...over });
  const proof = (payload: JWTPayload = claims(), header: Record<string, unknown> = {}, signer = key.privateKey) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.jwk, ...header }).sign(signer);
  /** A proof whose header the verifier refuses before it looks at the signature. */
  const unsigned = (header: Record<string, unknown>) => `${b64(header)}.${b64(claims())}.c2lnbmF0dXJl`;
  const reasonOf = async (header: string | string[] | Promise<string>, htm = 'POST', htu = HTU) => {
    const refused = await verifier.verify(await header, htm, htu, CLIENT).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!(refused instanceof InvalidDPoPProof)) throw new Error(`expected a refusal, got ${String(refused)}`);
    expect(refused).toMatchObject({ status: 400, error: 'invalid_dpop_proof' });
    return refused.reason;
  };

  it('binds a valid proof to its key thumbprint; no header is a Bearer request', async () => {
    await expect(verifier.verify(await proof(), 'POST', HTU, CLIENT)).resolves.toEqual({
      jkt: await calculateJwkThumbprint(key.jwk, 'sha256'),
    });
    await expect(verifier.verify(undefined, 'POST', HTU, CLIENT)).resolves.toBeUndefined();
  });

  it('item 1: exactly one DPoP header', async () => {
    const one = await proof();
    expect(await reasonOf([one, one])).toBe('dpop_multiple_headers');
    expect(await reasonOf(`${one}, ${one}`)).toBe('dpop_multiple_headers');
  });

  it('item 2: a well-formed JWT', async () => {
    expect(await reasonOf('not a jws')).toBe('dpop_malformed');
    expect(await reasonOf(`${Buffer.from('{nope').toString('base64url')}.e30.c2ln`)).toBe('dpop_malformed');
  });

  it('items 4-5: typ dpop+jwt, an asymmetric alg of the list', async () => {
    expect(await reasonOf(proof(claims(), { typ: 'JWT' }))).toBe('dpop_typ');
    expect(await reasonOf(unsigned({ alg: 'HS256', typ: 'dpop+jwt', jwk: key.jwk }))).toBe('dpop_alg');
    expect(await reasonOf(unsigned({ alg: 'none', typ: 'dpop+jwt', jwk: key.jwk }))).toBe('dpop_alg');
  });

  it('items 6-7: a jwk header holding a public key only, fitting the alg, of acceptable strength', async () => {
    expect(await reasonOf(unsigned({ alg: 'ES256', typ: 'dpop+jwt' }))).toBe('dpop_jwk_missing');
    expect(await reasonOf(unsigned({ alg: 'ES256', typ: 'dpop+jwt', jwk: { ...key.jwk, d: 'private' } }))).toBe('dpop_jwk_private');
    expect(await reasonOf(unsigned({ alg: 'RS256', typ: 'dpop+jwt', jwk: key.jwk }))).toBe('dpop_jwk_alg');
    expect(await reasonOf(unsigned({ alg: 'ES256', typ: 'dpop+jwt', jwk: { ...key.jwk, x: 'AAAA' } }))).toBe('dpop_jwk_invalid');
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    expect(await reasonOf(unsigned({ alg: 'RS256', typ: 'dpop+jwt', jwk: weak }))).toBe('dpop_jwk_weak');
  });

  it('item 6: the signature verifies with the jwk', async () => {
    const other = (await generateKeyPair('ES256')).privateKey;
    expect(await reasonOf(proof(claims(), {}, other))).toBe('dpop_signature');
  });

  it('items 8-9: the method and URI of this request, ignoring query and fragment', async () => {
    expect(await reasonOf(proof(claims({ htm: 'GET' })))).toBe('dpop_htm');
    expect(await reasonOf(proof(claims({ htu: 'https://elsewhere.example/oauth/token' })))).toBe('dpop_htu');
    await expect(verifier.verify(await proof(claims({ htu: `${HTU}?x=1#f` })), 'POST', HTU, CLIENT)).resolves.toBeDefined();
  });

  it('items 3 and 11: a jti, and an iat within the window', async () => {
    expect(await reasonOf(proof(claims({ jti: 'x'.repeat(257) })))).toBe('dpop_jti');
    expect(await reasonOf(proof(claims({ iat: seconds() - 301 })))).toBe('dpop_iat');
    expect(await reasonOf(proof(claims({ iat: seconds() + 31 })))).toBe('dpop_iat');
  });

  it('§11.1: a proof is used once, per client', async () => {
    const once = await proof();
    await verifier.verify(once, 'POST', HTU, CLIENT);
    expect(await reasonOf(once)).toBe('dpop_jti_replayed');
  });
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
