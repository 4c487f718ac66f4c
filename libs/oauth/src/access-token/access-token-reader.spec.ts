import { randomBytes } from 'node:crypto';
import { ACCESS_TOKEN_LIFETIME_SECONDS, CLOCK_SKEW_SECONDS } from '@keyward/domain';
import { TestClock } from '@keyward/testing/test-clock';
import { signCompactJws } from '../signing/compact-jws';
import { generateSigningKey } from '../signing/generate-signing-key';
import { PrivateKeyCipher } from '../signing/private-key-cipher';
import { SigningKeyRing } from '../signing/signing-key-ring';
import { AccessTokenReader } from './access-token-reader';

const issuer = 'https://keyward.test';

/** A real key ring and reader; tokens signed with the ring's own key, forged where a case needs it. */
async function readerRig() {
  const clock = new TestClock(Date.parse('2026-12-01T10:00:00Z'));
  const cipher = new PrivateKeyCipher(randomBytes(32));
  const ring = new SigningKeyRing({ cipher });
  const created = await generateSigningKey('ES256', cipher, clock.now());
  const kid = created.data.kid;
  ring.apply(created);
  ring.apply({ type: 'SigningKeyActivated', data: { kid, activatedAt: clock.now().toISOString() } });
  const key = ring.activeKey()!;
  const reader = new AccessTokenReader({ keys: ring, issuer, clock: clock.now });
  const seconds = () => Math.floor(clock.now().getTime() / 1000);
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: issuer,
    sub: 'sa-1',
    aud: issuer,
    iat: seconds(),
    exp: seconds() + 3600,
    jti: 'j1',
    client_id: 'kw_ci_1',
    scope: 'read',
    org_id: 'org-1',
    ...over,
  });
  const sign = (over: Record<string, unknown> = {}, header: Record<string, unknown> = { typ: 'at+jwt' }) =>
    signCompactJws(header as never, claims(over), key);
  return { clock, ring, kid, reader, sign, seconds };
}

describe('AccessTokenReader (RFC 9068), in memory', () => {
  it('reads a live token of the ring’s key into its claims, cnf included', async () => {
    const rig = await readerRig();
    expect(await rig.reader.read(rig.sign({ cnf: { jkt: 'thumb' } }))).toEqual({
      jti: 'j1',
      sub: 'sa-1',
      clientId: 'kw_ci_1',
      organizationId: 'org-1',
      scope: 'read',
      aud: issuer,
      iat: rig.seconds(),
      exp: rig.seconds() + 3600,
      iss: issuer,
      cnf: { jkt: 'thumb' },
    });
  });

  it('refuses another issuer, another typ, a missing claim, a token without org_id, an expired one and garbage', async () => {
    const rig = await readerRig();
    const refused = [
      rig.sign({ iss: 'https://elsewhere.test' }),
      rig.sign({}, { typ: 'JWT' }),
      rig.sign({ jti: undefined }),
      rig.sign({ org_id: undefined }),
      rig.sign({ exp: rig.seconds() - 1 }),
      'not.a.token',
    ];
    for (const token of refused) expect(await rig.reader.read(token)).toBeUndefined();
  });

  it('refuses a token whose kid names no key, or whose alg is not its key’s', async () => {
    const rig = await readerRig();
    const token = rig.sign();
    const [header, payload, signature] = token.split('.');
    const rewrite = (change: Record<string, unknown>) =>
      [
        Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header, 'base64url').toString()), ...change })).toString('base64url'),
        payload,
        signature,
      ].join('.');
    expect(await rig.reader.read(rewrite({ kid: 'unknown' }))).toBeUndefined();
    expect(await rig.reader.read(rewrite({ alg: 'RS256' }))).toBeUndefined();
  });

  it('refuses what the key could not have issued: before its activation, or living longer than any token may', async () => {
    const rig = await readerRig();
    expect(await rig.reader.read(rig.sign({ iat: rig.seconds() - CLOCK_SKEW_SECONDS - 60 }))).toBeUndefined();
    expect(await rig.reader.read(rig.sign({ exp: rig.seconds() + ACCESS_TOKEN_LIFETIME_SECONDS.max + 60 }))).toBeUndefined();
    expect(await rig.reader.read(rig.sign({ exp: rig.seconds() + ACCESS_TOKEN_LIFETIME_SECONDS.max }))).toBeDefined();
  });

  it('keeps a retired key’s tokens until its removeAfter, refuses tokens it signed after retiring, and nothing verifies once revoked', async () => {
    const rig = await readerRig();
    const before = rig.sign();
    rig.clock.advance(600);
    const retiredAt = rig.clock.now().toISOString();
    const removeAfter = new Date(rig.clock.now().getTime() + 3600_000).toISOString();
    rig.ring.apply({ type: 'SigningKeyRetired', data: { kid: rig.kid, retiredAt, removeAfter } });
    expect(await rig.reader.read(before)).toBeDefined();
    // Signed (claimed) after retirement plus the skew: a leaked key's forgery.
    expect(await rig.reader.read(rig.sign({ iat: rig.seconds() + CLOCK_SKEW_SECONDS + 60, exp: rig.seconds() + 3000 }))).toBeUndefined();
    rig.ring.apply({ type: 'SigningKeyRevoked', data: { kid: rig.kid, revokedAt: rig.clock.now().toISOString() } });
    expect(await rig.reader.read(before)).toBeUndefined();
  });

  it('refuses every token of a retired key after its removeAfter, even one not yet expired', async () => {
    const rig = await readerRig();
    const token = rig.sign({ exp: rig.seconds() + ACCESS_TOKEN_LIFETIME_SECONDS.max });
    const removeAfter = new Date(rig.clock.now().getTime() + 3600_000).toISOString();
    rig.ring.apply({ type: 'SigningKeyRetired', data: { kid: rig.kid, retiredAt: rig.clock.now().toISOString(), removeAfter } });
    rig.clock.advance(3601);
    expect(await rig.reader.read(token)).toBeUndefined();
  });
});
