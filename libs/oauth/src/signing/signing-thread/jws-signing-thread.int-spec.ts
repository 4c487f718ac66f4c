import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { SigningAlgorithm } from '@keyward/domain';
import { TemporarilyUnavailable } from '../../errors/oauth-errors';
import { AccessTokenSigner } from '../../token-endpoint/access-token-signer';
import { generateSigningKey } from '../generate-signing-key';
import { PrivateKeyCipher } from '../private-key-cipher';
import { SigningKeyRing, type ActiveSigningKey } from '../signing-key-ring';
import { JwsSigningThread } from './jws-signing-thread';

const cipher = new PrivateKeyCipher(Buffer.alloc(32, 1));

async function ringWith(alg: SigningAlgorithm): Promise<{ ring: SigningKeyRing; kid: string; publicJwk: unknown }> {
  const ring = new SigningKeyRing({ cipher });
  const created = await generateSigningKey(alg, cipher, new Date());
  ring.apply(created);
  ring.apply({ type: 'SigningKeyActivated', data: { kid: created.data.kid, activatedAt: new Date().toISOString() } });
  return { ring, kid: created.data.kid, publicJwk: created.data.publicJwk };
}

const claims = (jti: string) => ({
  jti,
  sub: 'sa-1',
  aud: 'https://api',
  clientId: 'kw_ci_1',
  organizationId: 'org-1',
  scopes: ['a'],
  issuedAt: 1,
  expiresAt: 4_000_000_000,
});
const verify = (token: string, publicJwk: unknown, alg: SigningAlgorithm) =>
  jwtVerify(token, createPublicKey({ key: publicJwk as never, format: 'jwk' }), {
    issuer: 'https://issuer',
    algorithms: [alg],
    typ: 'at+jwt',
  });
const workerOf = (thread: JwsSigningThread) => (thread as unknown as { worker: Worker | undefined }).worker;

describe('JwsSigningThread', () => {
  let thread: JwsSigningThread;
  let failures: string[];
  beforeEach(() => {
    failures = [];
    thread = new JwsSigningThread((reason) => failures.push(reason));
  });
  afterEach(() => thread.close());

  it.each<SigningAlgorithm>(['ES256', 'EdDSA', 'RS256'])(
    'signs %s access tokens that jose verifies, each with its own claims',
    async (alg) => {
      const { ring, kid, publicJwk } = await ringWith(alg);
      const signer = new AccessTokenSigner({ keys: ring, issuer: 'https://issuer', jws: thread });
      // One event-loop turn: the 50 go to the thread as one batch and must come back matched to their own inputs.
      const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => signer.sign(claims(`jti-${i}`))));
      for (const [i, { token, kid: signedWith }] of tokens.entries()) {
        expect(signedWith).toBe(kid);
        expect(decodeProtectedHeader(token)).toEqual({ typ: 'at+jwt', alg, kid });
        const { payload } = await verify(token, publicJwk, alg);
        expect(payload.jti).toBe(`jti-${i}`);
      }
      expect(failures).toEqual([]);
    },
  );

  it('fails the jobs a dying thread held, says so, and signs again on a new thread with the keys re-sent', async () => {
    const { ring, publicJwk } = await ringWith('ES256');
    const signer = new AccessTokenSigner({ keys: ring, issuer: 'https://issuer', jws: thread });
    await signer.sign(claims('warm-up'));
    const first = workerOf(thread)!;
    const held = signer.sign(claims('held'));
    await first.terminate(); // before the batch of `held` is posted (next turn): the new thread gets it
    const after = await held.then(
      (signed) => signed.token,
      (error: unknown) => error,
    );
    // Either the job was posted to the dead thread (refused, as 503) or to its successor (signed): never lost, never hung.
    if (typeof after === 'string') expect((await verify(after, publicJwk, 'ES256')).payload.jti).toBe('held');
    else expect(after).toBeInstanceOf(TemporarilyUnavailable);
    const again = await signer.sign(claims('again'));
    expect((await verify(again.token, publicJwk, 'ES256')).payload.jti).toBe('again');
    expect(workerOf(thread)).not.toBe(first);
    expect(failures.some((reason) => /exited/.test(reason))).toBe(true);
  });

  it('fails only the job whose signature fails in a batch, and says why; the others get their own signatures', async () => {
    const { ring, publicJwk } = await ringWith('ES256');
    const good = ring.activeKey()!;
    // An Ed25519 key posted as ES256: node:crypto refuses to sign with it on the thread.
    const { privateKey } = generateKeyPairSync('ed25519');
    const broken: ActiveSigningKey = { kid: 'broken', alg: 'ES256', privateKey };
    const signer = new AccessTokenSigner({ keys: ring, issuer: 'https://issuer', jws: thread });
    const [first, failing, last] = await Promise.allSettled([
      signer.sign(claims('first')),
      thread.sign('e30.e30', broken),
      signer.sign(claims('last')),
    ]);
    expect(failing).toMatchObject({ status: 'rejected' });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBe((failing as PromiseRejectedResult).reason.message);
    for (const [settled, jti] of [
      [first, 'first'],
      [last, 'last'],
    ] as const) {
      if (settled.status !== 'fulfilled') throw new Error(`${jti} was not signed`);
      expect(settled.value.kid).toBe(good.kid);
      expect((await verify(settled.value.token, publicJwk, 'ES256')).payload.jti).toBe(jti);
    }
  });

  it('refuses with 503 temporarily_unavailable once closed, and rejects what it held', async () => {
    const { ring } = await ringWith('ES256');
    const signer = new AccessTokenSigner({ keys: ring, issuer: 'https://issuer', jws: thread });
    const held = signer.sign(claims('held'));
    await thread.close();
    await expect(held).rejects.toBeInstanceOf(TemporarilyUnavailable);
    await expect(signer.sign(claims('later'))).rejects.toMatchObject({
      status: 503,
      error: 'temporarily_unavailable',
      reason: 'signing_failed',
    });
  });
});
