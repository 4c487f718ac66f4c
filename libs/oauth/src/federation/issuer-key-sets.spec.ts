import { decodeProtectedHeader, jwtVerify } from 'jose';
import { FakeProvider, manualClock } from './testing/fake-provider';
import { DEFAULT_KEY_SET_SETTINGS, IssuerKeySets, IssuerKeyUnavailable } from './issuer-key-sets';

const ISSUER = 'https://issuer.example';

async function setUp(overrides: { fetcher?: FakeProvider['fetcher']; allowInsecure?: boolean } = {}) {
  const provider = new FakeProvider(ISSUER);
  await provider.rotate();
  const clock = manualClock();
  const keySets = new IssuerKeySets({
    fetchJson: overrides.fetcher ?? provider.fetcher,
    settings: { ...DEFAULT_KEY_SET_SETTINGS, allowInsecure: overrides.allowInsecure ?? false },
    clock: clock.now,
  });
  const verify = async (token: string) => (await jwtVerify(token, keySets.keyFunction(ISSUER), { currentDate: clock.now() })).payload;
  const token = () => provider.sign({ sub: 's', iat: clock.seconds(), exp: clock.seconds() + 300 });
  return { provider, clock, keySets, verify, token };
}

const reasonOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof IssuerKeyUnavailable)) throw error ?? new Error('resolved');
  return error.detail;
};

describe('IssuerKeySets', () => {
  it('finds the JWKS through discovery once and serves later tokens from the cache', async () => {
    const { provider, verify, token } = await setUp();
    await verify(await token());
    await verify(await token());
    expect(provider.fetched).toEqual([`${ISSUER}/.well-known/openid-configuration`, `${ISSUER}/jwks`]);
  });

  it('fetches again on an unknown kid, but at most once per cooldown', async () => {
    const { provider, clock, verify, token } = await setUp();
    await verify(await token());
    const rotated = await provider.rotate();
    clock.advance(DEFAULT_KEY_SET_SETTINGS.unknownKidCooldownMs);
    const signedWithNewKey = await token();
    expect(decodeProtectedHeader(signedWithNewKey).kid).toBe(rotated);
    await verify(signedWithNewKey);
    expect(provider.fetched.filter((url) => url.endsWith('/jwks'))).toHaveLength(2);

    // Junk kids within the cooldown are refused without a fetch.
    const junk = await provider.sign({ sub: 's', iat: clock.seconds(), exp: clock.seconds() + 300 }, rotated).then((t) => t);
    const unknown = `${Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'nobody' })).toString('base64url')}.${junk.split('.')[1]}.${junk.split('.')[2]}`;
    for (let i = 0; i < 5; i++) expect(await reasonOf(verify(unknown))).toBe('unknown_kid');
    expect(provider.fetched.filter((url) => url.endsWith('/jwks'))).toHaveLength(2);
    clock.advance(DEFAULT_KEY_SET_SETTINGS.unknownKidCooldownMs);
    expect(await reasonOf(verify(unknown))).toBe('unknown_kid');
    expect(provider.fetched.filter((url) => url.endsWith('/jwks'))).toHaveLength(3);
  });

  it('shares one fetch between concurrent first requests', async () => {
    const { provider, verify, token } = await setUp();
    const tokens = await Promise.all([token(), token(), token()]);
    await Promise.all(tokens.map(verify));
    expect(provider.fetched).toHaveLength(2);
  });

  it('fails closed when the provider is down and nothing is cached, then backs off before trying again', async () => {
    const { provider, clock, verify, token } = await setUp();
    provider.down = 'unreachable: ECONNREFUSED';
    expect(await reasonOf(verify(await token()))).toBe('issuer_unreachable: unreachable: ECONNREFUSED');
    expect(await reasonOf(verify(await token()))).toBe('issuer_unreachable: unreachable: ECONNREFUSED (backing off)');
    expect(provider.fetched).toHaveLength(1);
    provider.down = undefined;
    clock.advance(DEFAULT_KEY_SET_SETTINGS.failureBackoffMs);
    await verify(await token());
  });

  it('keeps verifying with cached keys for one more max age while the provider is down, then refuses', async () => {
    const { provider, clock, verify, token } = await setUp();
    await verify(await token());
    provider.down = 'timeout';
    clock.advance(DEFAULT_KEY_SET_SETTINGS.maxAgeMs);
    await verify(await token());
    expect(provider.fetched).toHaveLength(3); // it did try to refresh
    clock.advance(DEFAULT_KEY_SET_SETTINGS.maxAgeMs);
    expect(await reasonOf(verify(await token()))).toMatch(/^issuer_unreachable: timeout/);
  });

  it('refetches discovery and keys once the max age has passed', async () => {
    const { provider, clock, verify, token } = await setUp();
    await verify(await token());
    clock.advance(DEFAULT_KEY_SET_SETTINGS.maxAgeMs);
    await verify(await token());
    expect(provider.fetched.filter((url) => url.includes('openid-configuration'))).toHaveLength(2);
  });

  it('refuses discovery documents naming another issuer, an http jwks_uri, or a JWKS of too many keys', async () => {
    const cases: [object, object, string][] = [
      [{ issuer: 'https://attacker.example', jwks_uri: `${ISSUER}/jwks` }, { keys: [] }, 'issuer_unreachable: discovery_issuer_mismatch'],
      [{ issuer: ISSUER, jwks_uri: 'http://issuer.example/jwks' }, { keys: [] }, 'issuer_unreachable: discovery_jwks_uri_invalid'],
      [
        { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` },
        { keys: Array.from({ length: 101 }, () => ({ kty: 'EC' })) },
        'issuer_unreachable: jwks_too_many_keys',
      ],
      [{ issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` }, { nokeys: true }, 'issuer_unreachable: jwks_invalid'],
      [[], {}, 'issuer_unreachable: discovery_not_an_object'],
    ];
    for (const [discovery, jwks, reason] of cases) {
      const { verify, token } = await setUp({ fetcher: async (url) => (url.endsWith('/jwks') ? jwks : discovery) });
      expect(await reasonOf(verify(await token()))).toBe(reason);
    }
  });
});
