import { type FederationTrust } from '@keyward/domain';
import { InvalidClient } from '../errors/oauth-errors';
import { InMemoryReplayGuard } from '../replay/in-memory-replay-guard';
import { FederatedAssertionVerifier } from './federated-assertion-verifier';
import { FederationIssuerUnavailable } from './federation-issuer-unavailable';
import { DEFAULT_KEY_SET_SETTINGS, IssuerKeySets } from './issuer-key-sets';
import { FakeProvider, manualClock } from './testing/fake-provider';

const ISSUER = 'https://token.actions.githubusercontent.com';
const KEYWARD = 'https://keyward.example';
const SUBJECT = 'repo:acme/reports:ref:refs/heads/main';
const trust: FederationTrust = {
  issuer: ISSUER,
  subject: { match: 'exact', value: SUBJECT },
  claims: { repository_owner: 'acme' },
  maxTokenAgeSeconds: 600,
  allowTokenReuse: false,
};
const client = { clientId: 'kw_ci_test', organizationId: 'org-1', trust };

async function setUp() {
  const provider = new FakeProvider(ISSUER);
  await provider.rotate();
  const clock = manualClock();
  const verifier = new FederatedAssertionVerifier({
    keySets: new IssuerKeySets({
      fetchJson: provider.fetcher,
      settings: { ...DEFAULT_KEY_SET_SETTINGS, allowInsecure: false },
      clock: clock.now,
    }),
    replays: new InMemoryReplayGuard({ maxPerOrganization: 1000, clock: clock.now }),
    issuer: KEYWARD,
    clock: clock.now,
  });
  let n = 0;
  const claims = (overrides: Record<string, unknown> = {}) => ({
    sub: SUBJECT,
    aud: KEYWARD,
    iat: clock.seconds(),
    exp: clock.seconds() + 300,
    jti: `jti-${++n}`,
    repository_owner: 'acme',
    ...overrides,
  });
  const token = (overrides?: Record<string, unknown>) => provider.sign(claims(overrides));
  return { provider, clock, verifier, token, claims };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof InvalidClient) return error.reason;
  if (error instanceof FederationIssuerUnavailable) return `503 ${error.reason}`;
  throw error ?? new Error('accepted');
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('FederatedAssertionVerifier', () => {
  it('accepts a token from the trusted provider and answers with its issuer and subject', async () => {
    const { verifier, token } = await setUp();
    await expect(verifier.verify(await token(), client)).resolves.toEqual({ issuer: ISSUER, subject: SUBJECT });
  });

  it("checks the configured audience instead of keyward's issuer when one is set", async () => {
    const { verifier, token } = await setUp();
    const withAudience = { ...client, trust: { ...trust, audience: 'sts.keyward' } };
    await expect(verifier.verify(await token({ aud: 'sts.keyward' }), withAudience)).resolves.toBeDefined();
    expect(await reasonOf(verifier.verify(await token(), withAudience))).toBe('federation_audience_mismatch');
  });

  it.each([
    ['wrong issuer', { iss: 'https://evil.example' }, 'federation_issuer_mismatch'],
    ['wrong subject', { sub: 'repo:acme/reports:pull_request' }, 'federation_subject_mismatch'],
    ['no subject', { sub: undefined }, 'federation_subject_missing'],
    ['wrong audience', { aud: 'https://other.example' }, 'federation_audience_mismatch'],
    ['broken claim condition', { repository_owner: 'evil' }, 'federation_claim_mismatch'],
    ['missing claim condition', { repository_owner: undefined }, 'federation_claim_mismatch'],
  ])('refuses a %s', async (_, overrides, reason) => {
    const { verifier, token } = await setUp();
    expect(await reasonOf(verifier.verify(await token(overrides), client))).toBe(reason);
  });

  it('refuses expired tokens, tokens not yet valid, issued in the future, older than the max age, or without exp/iat', async () => {
    const { verifier, token, clock } = await setUp();
    const now = clock.seconds();
    expect(await reasonOf(verifier.verify(await token({ iat: now - 400, exp: now - 31 }), client))).toBe('federation_token_expired');
    expect(await reasonOf(verifier.verify(await token({ nbf: now + 60 }), client))).toBe('federation_token_not_yet_valid');
    expect(await reasonOf(verifier.verify(await token({ iat: now + 60 }), client))).toBe('federation_token_issued_in_future');
    expect(await reasonOf(verifier.verify(await token({ iat: now - 700, exp: now + 3600 }), client))).toBe('federation_token_too_old');
    expect(await reasonOf(verifier.verify(await token({ exp: undefined }), client))).toBe('federation_exp_missing');
    expect(await reasonOf(verifier.verify(await token({ iat: undefined }), client))).toBe('federation_iat_missing');
    // Within the 30 s tolerance both ways.
    await expect(verifier.verify(await token({ nbf: now + 20, exp: now - 20 + 300 }), client)).resolves.toBeDefined();
  });

  it('accepts a jti once, refuses tokens without one, and lets a credential allow reuse', async () => {
    const { verifier, token } = await setUp();
    const once = await token();
    await verifier.verify(once, client);
    expect(await reasonOf(verifier.verify(once, client))).toBe('federation_token_replayed');
    expect(await reasonOf(verifier.verify(await token({ jti: undefined }), client))).toBe('federation_jti_missing');
    const reusable = { ...client, trust: { ...trust, allowTokenReuse: true } };
    const withoutJti = await token({ jti: undefined });
    await verifier.verify(withoutJti, reusable);
    await expect(verifier.verify(withoutJti, reusable)).resolves.toBeDefined();
  });

  it('forgets a jti only after the token can no longer be accepted', async () => {
    const { verifier, token, clock } = await setUp();
    const once = await token();
    await verifier.verify(once, client);
    clock.advance(299_000);
    expect(await reasonOf(verifier.verify(once, client))).toBe('federation_token_replayed');
    clock.advance(40_000);
    expect(await reasonOf(verifier.verify(once, client))).toBe('federation_token_expired');
  });

  it('refuses alg none, HMAC (keyed with the public key), a bad signature, an unknown kid, and junk', async () => {
    const { verifier, token, claims, provider } = await setUp();
    const body = b64({ iss: ISSUER, ...claims() });
    expect(await reasonOf(verifier.verify(`${b64({ alg: 'none' })}.${body}.`, client))).toBe('federation_alg_not_allowed');
    expect(await reasonOf(verifier.verify(`${b64({ alg: 'HS256', kid: 'k1' })}.${body}.c2ln`, client))).toBe('federation_alg_not_allowed');
    const good = await token();
    const [header, payload] = good.split('.');
    const other = (await provider.sign(claims())).split('.')[2];
    expect(await reasonOf(verifier.verify(`${header}.${payload.slice(0, -2)}AA.${other}`, client))).toMatch(
      /^federation_(signature_invalid|malformed_assertion)$/,
    );
    expect(await reasonOf(verifier.verify(`${header}.${b64({ iss: ISSUER, ...claims() })}.${other}`, client))).toBe(
      'federation_signature_invalid',
    );
    expect(await reasonOf(verifier.verify(`${b64({ alg: 'ES256', kid: 'nobody' })}.${body}.${other}`, client))).toBe(
      'federation_unknown_kid',
    );
    expect(await reasonOf(verifier.verify('not.a.jwt', client))).toBe('federation_malformed_assertion');
    expect(await reasonOf(verifier.verify('x'.repeat(20_000), client))).toBe('federation_malformed_assertion');
    expect(await reasonOf(verifier.verify(`${b64({ alg: 'ES256', crit: ['exp'], exp: 1 })}.${body}.${other}`, client))).toMatch(
      /^federation_/,
    );
  });

  it('fails closed with 503 when the provider is down, fetching nothing for a token from an untrusted issuer', async () => {
    const { verifier, token, provider } = await setUp();
    provider.down = 'unreachable: ECONNREFUSED';
    expect(await reasonOf(verifier.verify(await token(), client))).toBe('503 issuer_unreachable');
    const fetches = provider.fetched.length;
    expect(await reasonOf(verifier.verify(await token({ iss: 'https://evil.example' }), client))).toBe('federation_issuer_mismatch');
    expect(provider.fetched).toHaveLength(fetches);
  });
});
